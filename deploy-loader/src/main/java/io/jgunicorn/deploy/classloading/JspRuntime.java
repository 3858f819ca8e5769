package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JSP runtime: Tomcat's Jasper, its EL implementation, ECJ (the compiler Jasper uses) and
 * jgunicorn's small Jasper wiring ({@code io.jgunicorn.jsp}), in one class loader per process,
 * shared by its applications as Tomcat's common loader is. The distribution keeps these jars in
 * {@code lib/jsp/}, off the server's class path; the loader is made the first time an application
 * needs one of their classes, so a process serving no JSP never opens them. Its parent exposes
 * only the platform and the container's {@code jakarta.servlet} API, so tomcat-embed-core's own copy
 * of that API is never used: applications and Jasper see the same {@code jakarta.servlet} classes.
 */
public final class JspRuntime {

    /** Where the distribution puts the runtime, under {@code jgunicorn.home}. */
    static final String DIST_DIR = "lib/jsp";

    /** A class of each jar the runtime needs, to find them on a plain class path (tests, embedding). */
    private static final List<String> MARKERS = List.of("io.jgunicorn.jsp.JspInitializer",
            "org.apache.jasper.servlet.JspServlet", "org.apache.tomcat.InstanceManager", "org.apache.el.ExpressionFactoryImpl",
            "org.eclipse.jdt.internal.compiler.Compiler");

    /** The initializer the deploy loader adds to applications with JSPs. */
    public static final String INITIALIZER = "io.jgunicorn.jsp.JspInitializer";
    public static final String JSP_SERVLET = "org.apache.jasper.servlet.JspServlet";

    private JspRuntime() {}

    private static final class Holder {
        static final ClassLoader LOADER = create();
    }

    /** The runtime's loader, or null when this installation has no JSP runtime. */
    public static ClassLoader loader() {
        return Holder.LOADER;
    }

    /** True when JSPs can be served: the runtime's jars are there. */
    public static boolean available() {
        return loader() != null;
    }

    private static ClassLoader create() {
        List<URL> urls = locate();
        if (urls.isEmpty()) {
            return null;
        }
        ClassLoader servletOnly = new ServletApiOnlyClassLoader(JspRuntime.class.getClassLoader());
        return new URLClassLoader("jgunicorn-jsp", urls.toArray(URL[]::new), servletOnly);
    }

    static List<URL> locate() {
        String home = System.getProperty("jgunicorn.home");
        Path dir = home == null ? null : Path.of(home, DIST_DIR);
        try {
            return dir != null && Files.isDirectory(dir) ? jars(dir) : fromClassPath();
        } catch (IOException e) {
            System.getLogger(JspRuntime.class.getName()).log(System.Logger.Level.WARNING, "cannot list the JSP runtime in " + dir, e);
            return List.of();
        }
    }

    private static List<URL> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        }
    }

    /** Without a distribution: the jars that hold the runtime on jgunicorn's own class path, if all are there. */
    private static List<URL> fromClassPath() throws MalformedURLException {
        Set<URL> urls = new LinkedHashSet<>();
        ClassLoader own = JspRuntime.class.getClassLoader();
        for (String marker : MARKERS) {
            URL url = codeSource(own, marker);
            if (url == null) {
                return List.of();
            }
            urls.add(url);
        }
        return List.copyOf(urls);
    }

    private static URL codeSource(ClassLoader loader, String className) throws MalformedURLException {
        try {
            CodeSource source = Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toUri().toURL();
        } catch (ClassNotFoundException | LinkageError | URISyntaxException e) {
            return null;
        }
    }
}
