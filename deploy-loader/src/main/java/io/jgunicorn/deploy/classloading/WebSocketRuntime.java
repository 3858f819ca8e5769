package io.jgunicorn.deploy.classloading;

import java.util.List;

/**
 * The WebSocket runtime: Eclipse Tyrus (Jakarta WebSocket 2.2) and jgunicorn's small wiring
 * ({@code io.jgunicorn.websocket}), in one class loader per process shared by its applications, as
 * {@link JspRuntime} is for Jasper. The distribution keeps these jars in {@code lib/websocket/}; the
 * loader is made the first time an application needs one of their classes, so a worker serving no
 * WebSocket application never opens them.
 */
public final class WebSocketRuntime {

    static final String DIST_DIR = "lib/websocket";

    private static final List<String> MARKERS = List.of("io.jgunicorn.websocket.WebSocketInitializer",
            "org.glassfish.tyrus.servlet.TyrusServletContainerInitializer", "org.glassfish.tyrus.server.TyrusServerContainer",
            "org.glassfish.tyrus.core.TyrusWebSocketEngine", "org.glassfish.tyrus.spi.WebSocketEngine",
            "org.glassfish.tyrus.client.ClientManager", "org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension", "jakarta.websocket.server.ServerEndpoint",
            "jakarta.websocket.ContainerProvider", "jakarta.xml.bind.JAXBContext", "jakarta.activation.DataSource");

    /** The initializer the deploy loader adds to applications with WebSocket endpoints. */
    public static final String INITIALIZER = "io.jgunicorn.websocket.WebSocketInitializer";

    /** What Tyrus's initializer handles ({@code @HandlesTypes}), by binary name. */
    public static final List<String> HANDLES_TYPES = List.of("jakarta.websocket.server.ServerEndpoint",
            "jakarta.websocket.server.ServerApplicationConfig", "jakarta.websocket.Endpoint");

    private WebSocketRuntime() {}

    private static final class Holder {
        static final ClassLoader LOADER = RuntimeJars.open("jgunicorn-websocket", DIST_DIR, MARKERS);
    }

    /** The runtime's loader, or null when this installation has no WebSocket runtime. */
    public static ClassLoader loader() {
        return Holder.LOADER;
    }

    public static boolean available() {
        return loader() != null;
    }
}
