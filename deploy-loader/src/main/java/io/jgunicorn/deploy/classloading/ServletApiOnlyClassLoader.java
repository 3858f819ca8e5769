package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;

/**
 * The parent of every web application's class loader: it exposes the Java platform, the
 * {@code jakarta.servlet} API and jgunicorn's application-facing factory interfaces
 * ({@code io.jgunicorn.deploy.api}), the JSP runtime (the JSP and EL APIs and Jasper, from
 * {@link JspRuntime}) and the WebSocket runtime ({@code jakarta.websocket} and Tyrus, from
 * {@link WebSocketRuntime}), and nothing else. jgunicorn's own classes and its libraries (Jetty, SLF4J,
 * Logback, picocli) live on the application class path, which this loader never consults, so an app
 * can neither see them nor clash with their versions.
 */
public final class ServletApiOnlyClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;
    private final Supplier<ClassLoader> jspLoader;
    private final Supplier<ClassLoader> webSocketLoader;

    /** @param apiLoader the loader that defines the container's {@code jakarta.servlet} classes; no JSP runtime */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader) {
        this(apiLoader, null);
    }

    /**
     * @param jspLoader gives the JSP runtime's loader, asked only when an application first needs one
     *                  of its classes; null exposes no JSP runtime
     */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader, Supplier<ClassLoader> jspLoader) {
        this(apiLoader, jspLoader, null);
    }

    /** @param webSocketLoader like {@code jspLoader}, for the WebSocket runtime; null exposes none */
    public ServletApiOnlyClassLoader(ClassLoader apiLoader, Supplier<ClassLoader> jspLoader,
                                     Supplier<ClassLoader> webSocketLoader) {
        super("jgunicorn-servlet-api", ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
        this.jspLoader = jspLoader;
        this.webSocketLoader = webSocketLoader;
    }

    /** The parent for the running container, delegating to the loader of jgunicorn and the servlet API. */
    public static ServletApiOnlyClassLoader forContainer() {
        return new ServletApiOnlyClassLoader(ServletApiOnlyClassLoader.class.getClassLoader(), JspRuntime::loader,
                WebSocketRuntime::loader);
    }

    /** The loader that defines {@code name} (dotted), or null when this loader does not expose it. */
    private ClassLoader source(String name) {
        if (ContainerPackages.jsp(name)) {
            return jspLoader == null ? null : jspLoader.get();
        }
        if (ContainerPackages.websocket(name)) {
            return webSocketLoader == null ? null : webSocketLoader.get();
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

    /**
     * The loader a resource comes from: a class's own, or for a service file of a runtime's API
     * ({@code META-INF/services/jakarta.websocket...}) the runtime's, so that the API's
     * {@code ServiceLoader} finds its implementation (Tyrus's default configurator) through an
     * application's loader.
     */
    private ClassLoader resourceSource(String name) {
        String services = "META-INF/services/";
        if (name.startsWith(services)) {
            String service = name.substring(services.length());
            return ContainerPackages.jsp(service) || ContainerPackages.websocket(service) ? source(service) : null;
        }
        return source(name.replace('/', '.'));
    }

    @Override
    protected URL findResource(String name) {
        ClassLoader source = resourceSource(name);
        return source == null ? null : source.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        ClassLoader source = resourceSource(name);
        return source == null ? Collections.emptyEnumeration() : source.getResources(name);
    }
}
