package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.UpgradedConnection;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Whether a connection's requests may switch protocols ({@code 101}), and the connection's life
 * after one did: the socket, with the bytes already read after the request, leaves HTTP for an
 * {@link Http1UpgradedConnection} that the application's protocol drives until it closes.
 */
final class Http1Upgrade {

    private final String id;
    private final Http1Transport transport;
    /** Where upgraded connections wait for readiness; null: this worker class cannot hold them. */
    private Http1Reactor reactor;
    private volatile Http1UpgradedConnection upgraded;

    Http1Upgrade(String id, Http1Transport transport) {
        this.id = id;
        this.transport = transport;
    }

    void allow(Http1Reactor reactor) {
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
     * {@code onUpgraded} runs on an application thread. Throws when the socket could not be switched.
     */
    void handOff(Http1Input input, boolean leaving, Consumer<UpgradedConnection> onUpgraded) throws IOException {
        Http1UpgradedConnection now = new Http1UpgradedConnection(id, transport, transport.channel(), input.buffer(), reactor);
        input.handOver();
        upgraded = now;
        if (leaving) {
            now.shutdown(); // upgraded while the worker is leaving: goodbye at once
        }
        now.execute(() -> onUpgraded.accept(now));
    }
}
