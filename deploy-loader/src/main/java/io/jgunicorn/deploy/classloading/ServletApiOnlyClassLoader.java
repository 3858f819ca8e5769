package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every web application's class loader: it exposes the Java platform and the
 * {@code jakarta.servlet} API, and nothing else. jgunicorn's own classes and its libraries
 * (Jetty, SLF4J, Logback, picocli) live on the application class path, which this loader never
 * consults, so an app can neither see them nor clash with their versions.
 */
public final class ServletApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "jakarta.servlet.";
    private static final String API_PATH = "jakarta/servlet/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;

    /** @param apiLoader the loader that defines the container's {@code jakarta.servlet} classes */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader) {
        super("jgunicorn-servlet-api", ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
    }

    /** The parent for the running container: the loader of {@code jakarta.servlet.Servlet}. */
    public static ServletApiOnlyClassLoader forContainer() {
        return new ServletApiOnlyClassLoader(jakarta.servlet.Servlet.class.getClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return apiLoader.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(API_PATH) ? apiLoader.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(API_PATH) ? apiLoader.getResources(name) : Collections.emptyEnumeration();
    }
}
