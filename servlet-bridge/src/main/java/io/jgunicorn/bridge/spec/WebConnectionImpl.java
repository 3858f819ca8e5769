package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletContext;
import io.jgunicorn.bridge.core.Tccl;
import io.jgunicorn.container.spi.UpgradedConnection;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.util.function.Consumer;

/**
 * The {@link WebConnection} of an upgraded request (Servlet 6.1 section 2.3.3.5), over the
 * container's {@link UpgradedConnection}. {@link #start} runs {@code init} once the 101 is out;
 * {@code destroy} runs once the connection is closed, by either side.
 *
 * <p>When the worker retires, a handler is told through the context attribute
 * {@link #GOING_AWAY} if the application (or a protocol library such as jgunicorn's WebSocket
 * runtime) put a {@code Consumer<HttpUpgradeHandler>} there: WebSocket closes its sessions with
 * 1001 that way. Other handlers are closed at the end of the graceful timeout.
 */
public final class WebConnectionImpl implements WebConnection {

    /** Context attribute: a {@code java.util.function.Consumer} called with each handler when its worker retires. */
    public static final String GOING_AWAY = "io.jgunicorn.upgrade.goingAway";

    /**
     * Context attribute: a {@code java.util.function.BiFunction<HttpUpgradeHandler, WebConnection,
     * WebConnection>} that may wrap the connection before {@code init} (jgunicorn's WebSocket runtime
     * checks there that client frames are masked, which Tyrus does not).
     */
    public static final String CONNECTION_FILTER = "io.jgunicorn.upgrade.connectionFilter";

    private final UpgradedConnection connection;
    private final UpgradedInputStream in;
    private final UpgradedOutputStream out;

    private WebConnectionImpl(UpgradedConnection connection, ClassLoader loader) {
        this.connection = connection;
        this.in = new UpgradedInputStream(connection, loader);
        this.out = new UpgradedOutputStream(connection, loader);
    }

    /** On a connection thread, once the 101 went out: the handler takes the connection over. */
    static void start(ServletContext context, HttpUpgradeHandler handler, UpgradedConnection connection) {
        ClassLoader loader = context.getClassLoader();
        connection.whenClosed(() -> Tccl.run(loader, handler::destroy));
        connection.onShutdown(() -> goingAway(context, handler, connection));
        try {
            WebConnection web = filtered(context, handler, new WebConnectionImpl(connection, loader));
            Tccl.run(loader, () -> handler.init(web));
        } catch (RuntimeException | Error e) {
            context.log("HttpUpgradeHandler " + handler.getClass().getName() + " failed in init", e);
            connection.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static WebConnection filtered(ServletContext context, HttpUpgradeHandler handler, WebConnection web) {
        if (context.getAttribute(CONNECTION_FILTER) instanceof java.util.function.BiFunction<?, ?, ?> filter) {
            return Tccl.call(context.getClassLoader(),
                    () -> ((java.util.function.BiFunction<HttpUpgradeHandler, WebConnection, WebConnection>) filter).apply(handler, web));
        }
        return web;
    }

    @SuppressWarnings("unchecked")
    private static void goingAway(ServletContext context, HttpUpgradeHandler handler, UpgradedConnection connection) {
        if (context.getAttribute(GOING_AWAY) instanceof Consumer<?> hook) {
            try {
                Tccl.run(context.getClassLoader(), () -> ((Consumer<HttpUpgradeHandler>) hook).accept(handler));
            } catch (RuntimeException e) {
                context.log("going-away hook failed for upgraded connection " + connection.id(), e);
                connection.close();
            }
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        return in;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    /** Closes the connection, after sending what the output still holds (a protocol's closing frame). */
    @Override
    public void close() {
        out.finishPending();
        connection.close();
    }
}
