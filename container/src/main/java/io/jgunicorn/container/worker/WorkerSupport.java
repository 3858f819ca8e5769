package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1ChannelTransport;
import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Reactor;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.http.Http1SocketTransport;
import io.jgunicorn.container.http.Http1TlsTransport;
import io.jgunicorn.container.tls.ServerTls;
import io.jgunicorn.container.tls.TlsConfigException;
import io.jgunicorn.container.http.Http1Transport;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What every worker class shares: settings, connection ids, the live connections (for shutdown),
 * the stop flags, and accepting from the inherited listeners.
 *
 * <p>Listeners are switched to non-blocking and accepted through a selector. Their O_NONBLOCK flag
 * is shared with the other workers holding the same socket, which is why every class accepts this
 * way and treats a {@code null} from {@code accept()} (another worker won the race) as normal.
 */
final class WorkerSupport {

    final WorkerContext ctx;
    final Http1Settings settings;
    final Set<Http1Connection> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean graceful = true;
    private final ServerTls tls;
    /** Where upgraded connections (WebSocket, ...) wait; its thread starts with the first upgrade. */
    private final Http1Reactor upgrades = new Http1Reactor();

    WorkerSupport(WorkerContext ctx) {
        this(ctx, Http1Settings.from(ctx.settings()));
    }

    WorkerSupport(WorkerContext ctx, Http1Settings settings) {
        this.ctx = ctx;
        this.settings = settings;
        try {
            this.tls = ServerTls.fromSettings(ctx.settings());
        } catch (TlsConfigException e) {
            throw new IllegalStateException(e.getMessage(), e); // the arbiter checked it: a boot error
        }
    }

    /** A fresh selector with every listener registered for accept. */
    Selector openAcceptSelector() throws IOException {
        Selector selector = Selector.open();
        for (ServerSocketChannel l : ctx.listeners()) {
            l.configureBlocking(false);
            l.register(selector, SelectionKey.OP_ACCEPT);
        }
        return selector;
    }

    /** Accepts from a ready listener key; null when another worker took the connection. */
    static SocketChannel accept(SelectionKey key) {
        try {
            SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
            if (ch != null && ch.getLocalAddress() instanceof java.net.InetSocketAddress) {
                ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            }
            return ch;
        } catch (IOException e) {
            return null; // e.g. ECONNABORTED: the client gave up while queued
        }
    }

    Http1Connection newConnection(SocketChannel ch, boolean keepAlive) {
        return newConnection(ch, keepAlive, null);
    }

    /**
     * @param waiters for a connection that stays non-blocking (gthread): the serving thread's selector
     *                to wait in; null for one switched to blocking mode while it is served
     */
    Http1Connection newConnection(SocketChannel ch, boolean keepAlive, Supplier<Selector> waiters) {
        String id = Long.toString(ids.incrementAndGet(), 36);
        Http1Connection c = new Http1Connection(transport(ch, waiters), ctx.app(), ctx.lifecycle(),
                settings, id, keepAlive, this::retire);
        if (keepAlive) { // sync (no keep-alive) holds no long connections, so no upgrades either
            c.allowUpgrade(upgrades);
        }
        live.add(c);
        return c;
    }

    /** With certfile set, every connection is TLS over the plain transport below. */
    private Http1Transport transport(SocketChannel ch, Supplier<Selector> waiters) {
        Http1Transport plain = waiters != null ? new Http1ChannelTransport(ch, waiters) : plainTransport(ch);
        return tls == null ? plain : new Http1TlsTransport(plain, ch, tls.newEngine());
    }

    /** TCP uses the socket adaptor (it honours SO_TIMEOUT); a Unix socket has none and waits in a selector. */
    private static Http1Transport plainTransport(SocketChannel ch) {
        try {
            if (ch.getLocalAddress() instanceof java.net.InetSocketAddress) {
                return new Http1SocketTransport(ch);
            }
        } catch (IOException e) {
            // a channel that cannot tell its address is served the generic way
        }
        return new Http1ChannelTransport(ch);
    }

    void closed(Http1Connection c) {
        live.remove(c);
    }

    /** The lifecycle refused more requests: finish what is in flight and stop. */
    void retire() {
        stopping = true;
    }

    boolean running() {
        return !stopping && !ctx.lifecycle().exitRequested();
    }

    void requestStop(boolean isGraceful) {
        stopping = true;
        if (!isGraceful) {
            graceful = false;
            live.forEach(Http1Connection::close);
        }
    }

    boolean graceful() {
        return graceful;
    }

    /** How long select() may block: short enough to heartbeat within timeout/2. */
    long pollMillis() {
        return Math.max(100, Math.min(1000, settings.timeoutSeconds() * 500L));
    }

    long gracefulDeadline() {
        return System.nanoTime() + ctx.intSetting("graceful_timeout", 30) * 1_000_000_000L;
    }

    /**
     * After the accept loop ended: idle connections close now, busy ones get until the graceful
     * deadline, then everything left is closed.
     */
    void drain() {
        live.forEach(Http1Connection::stop);
        long deadline = gracefulDeadline();
        while (graceful && !live.isEmpty() && System.nanoTime() < deadline) {
            ctx.lifecycle().notifyAlive();
            live.removeIf(Http1Connection::isClosed);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        live.forEach(Http1Connection::close);
    }
}
