package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.UpgradedConnection;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a connection's requests may switch protocols ({@code 101}), and the connection's life
 * after one did: the socket, with the bytes already read after the request, leaves HTTP for an
 * {@link Http1UpgradedConnection} that the application's protocol drives until it closes.
 */
final class Http1Upgrade {

    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);

    /** A connection that may not switch protocols (until its worker allows it): one for all of them. */
    static final Http1Upgrade NONE = new Http1Upgrade(null, null, null);

    private final String id;
    private final Http1Transport transport;
    /** Where upgraded connections wait for readiness; null: this worker class cannot hold them. */
    private final Http1Reactor reactor;
    private volatile Http1UpgradedConnection upgraded;

    /** Requests on connection {@code id} may switch protocols; the upgraded ones wait in {@code reactor}. */
    Http1Upgrade(String id, Http1Transport transport, Http1Reactor reactor) {
        this.id = id;
        this.transport = transport;
        this.reactor = reactor;
    }

    boolean allowed() {
        return reactor != null && transport.channel() != null;
    }

    /** The upgraded connection, or null while the connection speaks HTTP. */
    Http1UpgradedConnection upgraded() {
        return upgraded;
    }

    /**
     * The 101 went out: the socket and {@code input}'s leftover bytes go to the new protocol, whose
     * {@code onUpgraded} runs on an application thread. False when the socket could not be switched.
     */
    boolean handOff(Http1Input input, boolean leaving, Consumer<UpgradedConnection> onUpgraded) {
        Http1UpgradedConnection now;
        try {
            now = new Http1UpgradedConnection(id, transport, transport.channel(), input.buffer(), reactor);
        } catch (IOException e) {
            LOG.debug("connection {}: upgrade failed: {}", id, e.toString());
            return false;
        }
        input.handOver();
        upgraded = now;
        if (leaving) {
            now.shutdown(); // upgraded while the worker is leaving: goodbye at once
        }
        now.execute(() -> onUpgraded.accept(now));
        return true;
    }

    /** The worker is leaving: an upgraded connection's protocol says goodbye (WebSocket: 1001) and closes. */
    void goingAway() {
        Http1UpgradedConnection u = upgraded;
        if (u != null) {
            u.shutdown();
        }
    }

    /** Closes the upgraded connection; false while the connection speaks HTTP (nothing closed here). */
    boolean closeUpgraded() {
        Http1UpgradedConnection u = upgraded;
        if (u == null) {
            return false;
        }
        u.close();
        return true;
    }

    /** True once the upgraded connection closed. */
    boolean upgradedClosed() {
        Http1UpgradedConnection u = upgraded;
        return u != null && !u.isOpen();
    }
}
