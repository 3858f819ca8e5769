package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;

/**
 * The parent of every web application's class loader: it exposes the Java platform, the
 * {@code jakarta.servlet} API and jgunicorn's application-facing factory interfaces
 * ({@code io.jgunicorn.deploy.api}), and the JSP runtime (the JSP and EL APIs and Jasper, from
 * {@link JspRuntime}), and nothing else. jgunicorn's own classes and its libraries (Jetty, SLF4J,
 * Logback, picocli) live on the application class path, which this loader never consults, so an app
 * can neither see them nor clash with their versions.
 */
public final class ServletApiOnlyClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;
    private final Supplier<ClassLoader> jspLoader;

    /** @param apiLoader the loader that defines the container's {@code jakarta.servlet} classes; no JSP runtime */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader) {
        this(apiLoader, null);
    }

    /**
     * @param jspLoader gives the JSP runtime's loader, asked only when an application first needs one
     *                  of its classes; null exposes no JSP runtime
     */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader, Supplier<ClassLoader> jspLoader) {
        super("jgunicorn-servlet-api", ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
        this.jspLoader = jspLoader;
    }

    /** The parent for the running container, delegating to the loader of jgunicorn and the servlet API. */
    public static ServletApiOnlyClassLoader forContainer() {
        return new ServletApiOnlyClassLoader(ServletApiOnlyClassLoader.class.getClassLoader(), JspRuntime::loader);
    }

    /** The loader that defines {@code name} (dotted), or null when this loader does not expose it. */
    private ClassLoader source(String name) {
        if (ContainerPackages.jsp(name)) {
            return jspLoader == null ? null : jspLoader.get();
        }
        return ContainerPackages.servlet(name) ? apiLoader : null;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ClassLoader source = source(name);
        if (source == null) {
            throw new ClassNotFoundException(name);
        }
        return source.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        ClassLoader source = source(name.replace('/', '.'));
        return source == null ? null : source.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        ClassLoader source = source(name.replace('/', '.'));
        return source == null ? Collections.emptyEnumeration() : source.getResources(name);
    }
}
