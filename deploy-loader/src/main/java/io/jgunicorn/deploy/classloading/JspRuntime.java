package io.jgunicorn.deploy.classloading;

import java.net.URL;
import java.util.List;

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
        return RuntimeJars.open("jgunicorn-jsp", DIST_DIR, MARKERS);
    }

    static List<URL> locate() {
        return RuntimeJars.locate(DIST_DIR, MARKERS);
    }
}
