package io.jgunicorn.deploy.classloading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgunicorn.deploy.TestFiles;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAppClassLoaderTest {

    @TempDir
    Path tmp;

    private WebAppClassLoader appLoader(ClassLoader parent) throws Exception {
        byte[] jar = TestFiles.archive()
                .classFile("", "com.example.lib.Helper", TestFiles.classFile("com.example.lib.Helper", null))
                .classFile("", "com.example.Shared", TestFiles.classFile("com.example.Shared", null, List.of("java.lang.Runnable"), List.of()))
                // a WAR that bundles the servlet API must not get its own copy
                .classFile("", "jakarta.servlet.Servlet", TestFiles.classFile("jakarta.servlet.Servlet", null))
                .text("META-INF/app.properties", "from=jar")
                .toZip();
        TestFiles.archive()
                .classFile("WEB-INF/classes/", "com.example.Shared", TestFiles.classFile("com.example.Shared", null))
                .classFile("WEB-INF/classes/", "com.example.App", TestFiles.classFile("com.example.App", null))
                .text("WEB-INF/classes/META-INF/app.properties", "from=classes")
                .bytes("WEB-INF/lib/lib.jar", jar)
                .writeDir(tmp.resolve("app"));
        return WebAppClassLoader.forWebApp("test", tmp.resolve("app"), parent);
    }

    @Test
    void loadsFromClassesThenLib() throws Exception {
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(loader, loader.loadClass("com.example.App").getClassLoader());
            assertSame(loader, loader.loadClass("com.example.lib.Helper").getClassLoader());
            assertEquals(0, loader.loadClass("com.example.Shared").getInterfaces().length, "WEB-INF/classes wins over WEB-INF/lib");
        }
    }

    @Test
    void applicationClassesWinOverTheParent() throws Exception {
        Path parentDir = TestFiles.archive()
                .classFile("", "com.example.Shared", TestFiles.classFile("com.example.Shared", null, List.of("java.lang.Runnable"), List.of()))
                .classFile("", "com.example.OnlyParent", TestFiles.classFile("com.example.OnlyParent", null))
                .writeDir(tmp.resolve("parent"));
        try (var parent = new URLClassLoader(new URL[] {parentDir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             var loader = appLoader(parent)) {
            Class<?> shared = loader.loadClass("com.example.Shared");
            assertSame(loader, shared.getClassLoader(), "child-first");
            assertSame(parent, loader.loadClass("com.example.OnlyParent").getClassLoader(), "falls back to the parent");
        }
    }

    @Test
    void servletApiAlwaysComesFromTheContainer() throws Exception {
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(jakarta.servlet.Servlet.class, loader.loadClass("jakarta.servlet.Servlet"));
            assertSame(jakarta.servlet.http.HttpServlet.class, loader.loadClass("jakarta.servlet.http.HttpServlet"));
        }
    }

    @Test
    void theFactoryApiIsTheOnlyJgunicornPackageAppsSee() throws Exception {
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(io.jgunicorn.deploy.api.AppFactory.class, loader.loadClass("io.jgunicorn.deploy.api.AppFactory"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.jgunicorn.deploy.apiX.Thing"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.jgunicorn.deploy.ClassAppDeployer"));
        }
    }

    @Test
    void platformClassesAreVisibleAndCannotBeReplaced() throws Exception {
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertSame(java.sql.Connection.class, loader.loadClass("java.sql.Connection"));
            assertSame(javax.xml.stream.XMLInputFactory.class, loader.loadClass("javax.xml.stream.XMLInputFactory"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "io.jgunicorn.container.spi.AppSpec",
        "io.jgunicorn.bridge.ServletBridge",
        "io.jgunicorn.deploy.WarAppLoader",
        "org.eclipse.jetty.http.HttpURI",
        "org.slf4j.Logger",
        "ch.qos.logback.classic.Logger",
        "org.junit.jupiter.api.Test",
        // the JSP runtime's loader holds these, but only Jasper sees them
        "org.apache.catalina.core.StandardContext",
        "org.apache.tomcat.util.scan.StandardJarScanner",
        "org.eclipse.jdt.internal.compiler.Compiler",
    })
    void containerClassesAreInvisible(String name) throws Exception {
        Class.forName(name); // it really is on the container's class path
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(name));
            assertNull(loader.getResource(name.replace('.', '/') + ".class"));
        }
    }

    @Test
    void resourcesAreChildFirstAndServletApiResourcesComeFromTheContainer() throws Exception {
        try (var loader = appLoader(ServletApiOnlyClassLoader.forContainer())) {
            try (var in = loader.getResourceAsStream("META-INF/app.properties")) {
                assertArrayEquals("from=classes".getBytes(), in.readAllBytes());
            }
            assertEquals(2, java.util.Collections.list(loader.getResources("META-INF/app.properties")).size());
            URL api = loader.getResource("jakarta/servlet/LocalStrings.properties");
            assertNotNull(api);
            assertEquals(jakarta.servlet.Servlet.class.getResource("LocalStrings.properties"), api);
        }
    }

    /** A WAR that bundles its own JSP, EL and JSTL API classes (stand-ins). */
    private WebAppClassLoader jspApp(ClassLoader parent) throws Exception {
        var war = TestFiles.archive();
        for (String name : List.of("jakarta.servlet.jsp.JspFactory", "jakarta.el.ELContext", "jakarta.servlet.jsp.jstl.core.Config")) {
            war.classFile("WEB-INF/classes/", name, TestFiles.classFile(name, null));
        }
        war.writeDir(tmp.resolve("jsp-app"));
        return WebAppClassLoader.forWebApp("jsp-test", tmp.resolve("jsp-app"), parent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jakarta.servlet.jsp.JspFactory",
        "jakarta.el.ELContext",
        "org.apache.el.ExpressionFactoryImpl",
        "org.apache.jasper.servlet.JspServlet",
        "org.apache.jasper.runtime.HttpJspBase",
        "org.apache.tomcat.InstanceManager",
        "io.jgunicorn.jsp.JspInitializer",
    })
    void theJspRuntimeComesFromItsOwnLoaderAheadOfTheWarsCopy(String name) throws Exception {
        assertNotNull(JspRuntime.loader(), "the runtime is found on the test class path");
        assertNotSame(JspRuntime.class.getClassLoader(), JspRuntime.loader());
        try (var loader = jspApp(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(JspRuntime.loader(), loader.loadClass(name).getClassLoader());
            assertNotNull(loader.getResource(name.replace('.', '/') + ".class"), "the compiler reads it as a resource");
        }
    }

    @Test
    void jstlComesFromTheWar() throws Exception {
        try (var loader = jspApp(ServletApiOnlyClassLoader.forContainer())) {
            assertSame(loader, loader.loadClass("jakarta.servlet.jsp.jstl.core.Config").getClassLoader());
        }
    }

    @Test
    void theJspRuntimeSharesTheContainersServletApi() throws Exception {
        // tomcat-embed-core carries a copy of jakarta.servlet: it must never be the one Jasper links against
        assertSame(jakarta.servlet.Servlet.class, JspRuntime.loader().loadClass("jakarta.servlet.Servlet"));
        Class<?> jspServlet = JspRuntime.loader().loadClass("org.apache.jasper.servlet.JspServlet");
        assertSame(jakarta.servlet.http.HttpServlet.class, jspServlet.getSuperclass());
        assertThrows(ClassNotFoundException.class, () -> JspRuntime.loader().loadClass("io.jgunicorn.deploy.WarAppLoader"));
    }

    @Test
    void withoutAJspRuntimeTheWarsOwnCopiesAreUsed() throws Exception {
        try (var loader = jspApp(new ServletApiOnlyClassLoader(getClass().getClassLoader()))) {
            assertSame(loader, loader.loadClass("jakarta.el.ELContext").getClassLoader());
            assertSame(loader, loader.loadClass("jakarta.servlet.jsp.JspFactory").getClassLoader());
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.apache.jasper.servlet.JspServlet"));
        }
    }
}
