package io.jgunicorn.websocket;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import jakarta.websocket.CloseReason;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.server.TyrusServerConfiguration;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;
import org.glassfish.tyrus.servlet.TyrusServletContainerInitializer;

/**
 * Starts Jakarta WebSocket (Eclipse Tyrus over the Servlet HTTP upgrade) for one web application.
 * The deploy loader adds this initializer, by name, to applications that have WebSocket endpoints,
 * with the classes that match Tyrus's {@code @HandlesTypes} ({@code @ServerEndpoint} classes,
 * {@code ServerApplicationConfig} and {@code Endpoint} implementations) read from their class files.
 *
 * <p>What jgunicorn adds to Tyrus's own initializer: the {@code ServerContainer} attribute is set even
 * when the application has no endpoint classes of its own (frameworks such as Spring register
 * theirs programmatically, as on Tomcat), and a retiring worker closes each session with
 * {@code 1001 Going Away} (the servlet bridge calls the hook it finds under
 * {@code io.jgunicorn.upgrade.goingAway}) so that clients reconnect to a live worker.
 */
public final class WebSocketInitializer implements ServletContainerInitializer {

    /** Same name as the servlet bridge's {@code WebConnectionImpl.GOING_AWAY}; the runtime cannot see the bridge. */
    static final String GOING_AWAY = "io.jgunicorn.upgrade.goingAway";
    /** The bridge's {@code WebConnectionImpl.CONNECTION_FILTER}. */
    static final String CONNECTION_FILTER = "io.jgunicorn.upgrade.connectionFilter";

    private static final Logger LOG = Logger.getLogger(WebSocketInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Set<Class<?>> found = new HashSet<>(classes == null ? Set.of() : classes);
        if (found.isEmpty()) {
            // Tyrus starts nothing for an empty set; its own configuration class is filtered out again,
            // which leaves a ServerContainer for endpoints added programmatically
            found.add(TyrusServerConfiguration.class);
        }
        new TyrusServletContainerInitializer().onStartup(found, context);
        context.setAttribute(GOING_AWAY, (Consumer<HttpUpgradeHandler>) WebSocketInitializer::goingAway);
        context.setAttribute(CONNECTION_FILTER, (BiFunction<HttpUpgradeHandler, WebConnection, WebConnection>)
                WebSocketInitializer::checkMasking);
    }

    /**
     * Closes the handler's session with 1001 and then its connection, as Tyrus does for its own
     * closes. Tyrus keeps that method private, hence the reflection; without it the session ends
     * when the container closes the connection at the end of the graceful timeout.
     */
    static void goingAway(HttpUpgradeHandler handler) {
        close(handler, CloseReason.CloseCodes.GOING_AWAY.getCode(), "server going away");
    }

    private static void close(HttpUpgradeHandler handler, int code, String reason) {
        if (!(handler instanceof TyrusHttpUpgradeHandler)) {
            return;
        }
        try {
            Method close = TyrusHttpUpgradeHandler.class.getDeclaredMethod("close", int.class, String.class);
            close.setAccessible(true);
            close.invoke(handler, code, reason);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot close a WebSocket session with " + code, e);
        }
    }

    /** Tyrus's WebSocket connections get their input checked for unmasked client frames ({@link MaskedFrames}). */
    static WebConnection checkMasking(HttpUpgradeHandler handler, WebConnection connection) {
        if (!(handler instanceof TyrusHttpUpgradeHandler)) {
            return connection;
        }
        try {
            return MaskedFrames.wrap(connection, (code, reason) -> close(handler, code, reason));
        } catch (java.io.IOException e) {
            return connection;
        }
    }
}
