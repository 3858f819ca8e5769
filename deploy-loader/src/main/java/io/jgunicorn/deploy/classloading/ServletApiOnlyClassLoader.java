package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every web application's class loader: it exposes the Java platform, the
 * {@code jakarta.servlet} API and jgunicorn's application-facing factory interfaces
 * ({@code io.jgunicorn.deploy.api}), and nothing else. jgunicorn's own classes and its libraries
 * (Jetty, SLF4J, Logback, picocli) live on the application class path, which this loader never
 * consults, so an app can neither see them nor clash with their versions.
 */
public final class ServletApiOnlyClassLoader extends ClassLoader {

    private static final java.util.List<String> EXPOSED = java.util.List.of("jakarta.servlet.", "io.jgunicorn.deploy.api.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;

    /** @param apiLoader the loader that defines the container's {@code jakarta.servlet} classes */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader) {
        super("jgunicorn-servlet-api", ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
    }

    /** The parent for the running container, delegating to the loader of jgunicorn and the servlet API. */
    public static ServletApiOnlyClassLoader forContainer() {
        return new ServletApiOnlyClassLoader(ServletApiOnlyClassLoader.class.getClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (exposed(name)) {
            return apiLoader.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return exposed(name.replace('/', '.')) ? apiLoader.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return exposed(name.replace('/', '.')) ? apiLoader.getResources(name) : Collections.emptyEnumeration();
    }

    static boolean exposed(String name) {
        return EXPOSED.stream().anyMatch(name::startsWith);
    }
}
