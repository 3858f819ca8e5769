package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.war.UnpackLimits;
import io.jgunicorn.deploy.war.WarResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarAppLoaderTest {

    @TempDir
    Path tmp;

    static final String WEB_XML = TestFiles.HELLO_WEB_XML;

    static TestFiles.Archive helloWar() {
        return TestFiles.helloWar();
    }

    AppSpec spec(String source, String kind) {
        return new AppSpec(source, kind, "/shop/", tmp.resolve("work"), List.of(), Map.of());
    }

    @Test
    void isFoundWithServiceLoaderAndSupportsWarFilesAndDirectories() throws Exception {
        Path war = helloWar().writeZip(tmp.resolve("hello.war"));
        Path dir = helloWar().writeDir(tmp.resolve("exploded"));
        AppLoader loader = ServiceLoader.load(AppLoader.class).stream().map(ServiceLoader.Provider::get)
                .filter(WarAppLoader.class::isInstance).findFirst().orElseThrow();
        assertTrue(loader.supports(spec(war.toString(), "app")));
        assertTrue(loader.supports(spec(dir.toString(), "war")));
        assertFalse(loader.supports(spec("com.example.Main", "app")));
        assertFalse(loader.supports(spec(war.toString(), "paste")));
        Path misnamed = Files.copy(war, tmp.resolve("hello.zip"));
        assertFalse(loader.supports(spec(misnamed.toString(), "app")));
        assertTrue(loader.supports(spec(misnamed.toString(), "war")), "--war takes any file");
    }

    @Test
    void describesAnUnpackedWar() throws Exception {
        Path war = helloWar().writeZip(tmp.resolve("hello.war"));
        var deployer = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT);
        try (var prepared = deployer.prepare(war, "/shop/")) {
            var d = prepared.descriptor();
            assertEquals("/shop", d.contextPath());
            assertEquals("hello", d.displayName());
            assertEquals(6, d.majorVersion());
            assertEquals(1, d.minorVersion());
            assertEquals(List.of(ServletDef.of("hello", "com.example.Hello")), d.servlets());
            assertInstanceOf(WebAppClassLoader.class, d.classLoader());
            assertEquals("com.example.Hello", d.classLoader().loadClass("com.example.Hello").getName());
            assertTrue(Files.isDirectory(d.tempDir()));
            try (var in = d.resources().open("/index.html")) {
                assertEquals("<h1>hi</h1>", new String(in.readAllBytes()), "the WAR's file wins over a jar's META-INF/resources");
            }
            try (var in = d.resources().open("/lib.js")) {
                assertEquals("lib()", new String(in.readAllBytes()));
            }
            assertEquals(List.of("index.html", "index.htm", "index.jsp"), d.welcomeFiles());
        }
        assertEquals(List.of(), leftovers(tmp.resolve("work")), "closing removes the unpacked copy and temp dir");
    }

    @Test
    void describesAnExplodedDirectoryInPlace() throws Exception {
        Path dir = helloWar().writeDir(tmp.resolve("exploded"));
        var deployer = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT);
        try (var prepared = deployer.prepare(dir, "")) {
            assertEquals("", prepared.descriptor().contextPath());
            assertEquals(dir.resolve("index.html").toRealPath(), prepared.descriptor().resources().realPath("/index.html"));
        }
        assertTrue(Files.exists(dir.resolve("index.html")), "an exploded directory is the user's: never deleted");
    }

    @Test
    void startFailureIsAnAppLoadExceptionAndLeavesNothingBehind() throws Exception {
        // a missing listener class fails any bridge's start (and this build's stub bridge fails every start)
        Path war = TestFiles.helloWar(TestFiles.UNSTARTABLE).writeZip(tmp.resolve("hello.war"));
        var e = assertThrows(AppLoadException.class, () -> new WarAppLoader().load(spec(war.toString(), "app")));
        assertTrue(e.getMessage().startsWith("cannot start " + war.toAbsolutePath()), e.getMessage());
        assertEquals(List.of(), leftovers(tmp.resolve("work")));
    }

    @Test
    void javaxWarIsRefusedWithAClearMessage() throws Exception {
        Path war = TestFiles.archive()
                .text("WEB-INF/web.xml", """
                        <web-app xmlns="http://java.sun.com/xml/ns/j2ee" version="2.4">
                          <servlet><servlet-name>old</servlet-name><servlet-class>com.example.Old</servlet-class></servlet>
                        </web-app>""")
                .classFile("WEB-INF/classes/", "com.example.Old", TestFiles.classFile("com.example.Old", "javax.servlet.http.HttpServlet"))
                .writeZip(tmp.resolve("legacy.war"));
        var e = assertThrows(AppLoadException.class, () -> new WarAppLoader().load(spec(war.toString(), "war")));
        assertTrue(e.getMessage().contains("legacy.war is built for javax.servlet"), e.getMessage());
        assertTrue(e.getMessage().contains("com.example.Old"), e.getMessage());
        assertTrue(e.getMessage().contains("J2EE schema"), e.getMessage());
        assertEquals(List.of(), leftovers(tmp.resolve("work")));
    }

    @Test
    void javaxDetectedThroughALibrarySuperclass() throws Exception {
        byte[] framework = TestFiles.archive()
                .classFile("", "org.fw.FrameworkServlet", TestFiles.classFile("org.fw.FrameworkServlet", "javax.servlet.GenericServlet"))
                .toZip();
        Path war = TestFiles.archive()
                .classFile("WEB-INF/classes/", "com.example.Mine", TestFiles.classFile("com.example.Mine", "org.fw.FrameworkServlet"))
                .bytes("WEB-INF/lib/fw.jar", framework)
                .writeZip(tmp.resolve("fw.war"));
        var e = assertThrows(AppLoadException.class, () -> new WarAppLoader().load(spec(war.toString(), "war")));
        assertTrue(e.getMessage().contains("com.example.Mine uses javax.servlet.GenericServlet"), e.getMessage());
    }

    @Test
    void aJakartaWarWithALegacyDescriptorIsAccepted() throws Exception {
        Path war = TestFiles.archive()
                .text("WEB-INF/web.xml", "<web-app xmlns=\"http://java.sun.com/xml/ns/j2ee\" version=\"2.4\"/>")
                .classFile("WEB-INF/classes/", "com.example.New", TestFiles.classFile("com.example.New", "jakarta.servlet.http.HttpServlet"))
                .writeZip(tmp.resolve("migrated.war"));
        try (var prepared = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT).prepare(war, "")) {
            assertEquals(2, prepared.descriptor().majorVersion());
        }
    }

    @Test
    void missingSourceIsNamed() {
        var deployer = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT);
        var e = assertThrows(AppLoadException.class, () -> deployer.prepare(tmp.resolve("nope.war"), ""));
        assertTrue(e.getMessage().contains("nope.war"), e.getMessage());
    }

    @Test
    void brokenLibraryJarIsNamed() throws Exception {
        Path war = helloWar().text("WEB-INF/lib/broken.jar", "not a jar").writeZip(tmp.resolve("withjunk.war"));
        var deployer = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT);
        var e = assertThrows(AppLoadException.class, () -> deployer.prepare(war, ""));
        assertTrue(e.getMessage().contains("withjunk.war") && e.getMessage().contains("WEB-INF/lib/broken.jar is not a readable jar"), e.getMessage());
        assertEquals(List.of(), leftovers(tmp.resolve("work")));
    }

    @Test
    void brokenWebXmlNamesTheWarAndTheFile() throws Exception {
        Path war = TestFiles.archive().text("WEB-INF/web.xml", "<web-app><servlet>").writeZip(tmp.resolve("broken.war"));
        var deployer = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT);
        var e = assertThrows(AppLoadException.class, () -> deployer.prepare(war, ""));
        assertTrue(e.getMessage().contains("broken.war!/WEB-INF/web.xml"), e.getMessage());
    }

    @Test
    void resourceViewListsAndRefusesEscapes() throws Exception {
        Path dir = helloWar().writeDir(tmp.resolve("exploded"));
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        try (var r = new WarResources(dir, WebAppClassLoader.libJars(dir))) {
            assertEquals(java.util.Set.of("/index.html", "/lib.js", "/WEB-INF/"), r.list("/"));
            assertNull(r.open("/../secret.txt"));
            assertNull(r.realPath("/../secret.txt"));
            assertNull(r.list("/nothing/"));
            assertNotNull(r.getResource("/lib.js"));
            assertEquals(5, r.attributes("/lib.js").size());
            assertNull(r.attributes("/WEB-INF/"), "directories have no file attributes");
        }
    }

    static List<Path> leftovers(Path work) throws Exception {
        if (!Files.exists(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
