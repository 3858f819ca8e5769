package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1ChannelTransport;
import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Reactor;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.http.Http1SocketTransport;
import io.jgunicorn.container.http.Http1TlsTransport;
import io.jgunicorn.container.http.Http1Transport;
import io.jgunicorn.container.tls.ServerTls;
import io.jgunicorn.container.tls.TlsConfigException;
import io.jgunicorn.container.http.Http1Waiter;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    /** At TERM, the most connections taken from a listen queue before the listener closes. */
    private static final int MAX_TAKEN_AT_STOP = 10_000;
    private volatile boolean leaving;
    private volatile boolean quick;
    private boolean drainQueue;
    private volatile long leaveDeadline;
    private boolean listenersClosed;
    private final ServerTls tls;
    /** Where upgraded connections (WebSocket, ...) wait; its thread starts with the first upgrade. */
    private final Http1Reactor upgrades = new Http1Reactor();

    WorkerSupport(WorkerContext ctx) {
        this(ctx, Http1Settings.from(ctx.config()));
    }

    WorkerSupport(WorkerContext ctx, Http1Settings settings) {
        this.ctx = ctx;
        this.settings = settings;
        try {
            this.tls = ServerTls.from(ctx.config());
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

    /** A connection served in blocking mode on one thread (sync). */
    Http1Connection newConnection(SocketChannel ch, boolean keepAlive) {
        return register(ch, keepAlive, withTls(ch, plainTransport(ch)));
    }

    /**
     * A connection that stays non-blocking for its whole life (gthread, virtual, async): its serving thread
     * waits for the socket through {@code waiter}; {@code mayLinger} tells whether the closing
     * thread may wait for unread client bytes.
     */
    Http1Connection newConnection(SocketChannel ch, Http1Waiter waiter, java.util.function.BooleanSupplier mayLinger) {
        return register(ch, true, withTls(ch, new Http1ChannelTransport(ch, waiter, mayLinger)));
    }

    private Http1Connection register(SocketChannel ch, boolean keepAlive, Http1Transport transport) {
        String id = Long.toString(ids.incrementAndGet(), 36);
        Http1Connection c = new Http1Connection(transport, ctx.app(), ctx.lifecycle(),
                settings, id, keepAlive, this::retire, () -> leaving);
        if (keepAlive) { // sync (no keep-alive) holds no long connections, so no upgrades either
            c.allowUpgrade(upgrades);
        }
        live.add(c);
        return c;
    }

    /** With certfile set, every connection is TLS over the plain transport. */
    private Http1Transport withTls(SocketChannel ch, Http1Transport plain) {
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

    // --- leaving ---------------------------------------------------------------------------
    //
    // A worker leaves for one reason or another (max requests, memory, TERM/HUP from the arbiter):
    // it stops accepting at once, serves every connection it has already accepted to its end,
    // then exits. Only a quick stop (INT) or the graceful timeout cuts connections short.

    /** The lifecycle refused more requests (max requests, memory): stop accepting, finish, exit. */
    void retire() {
        leave(false);
    }

    /**
     * From a signal. Graceful (TERM, HUP): as {@link #retire}, and the connections already waiting in
     * the listen queue are accepted and served before this worker closes its listeners, so none of
     * them is reset when the last listener closes. Quick (INT): every connection closes now.
     */
    void requestStop(boolean isGraceful) {
        if (isGraceful) {
            leave(true);
            return;
        }
        quick = true;
        leave(false);
        live.forEach(Http1Connection::close);
    }

    private synchronized void leave(boolean takeQueued) {
        drainQueue |= takeQueued;
        if (!leaving) {
            leaving = true;
            leaveDeadline = System.nanoTime() + ctx.config().integer("graceful_timeout") * 1_000_000_000L;
        }
    }

    /** True while the worker takes new connections. */
    boolean running() {
        return !leaving && !ctx.lifecycle().exitRequested();
    }

    /** True once the loop may end: nothing left to serve, a quick stop, or the graceful timeout passed. */
    boolean finished(int openConnections) {
        if (running()) {
            return false;
        }
        if (!leaving) {
            leave(false); // the lifecycle's exit flag was set without a call here
        }
        if (!listenersClosed && !quick) {
            return false; // the loop has yet to take what waits in the listen queue
        }
        return quick || openConnections == 0 || System.nanoTime() - leaveDeadline > 0;
    }

    boolean graceful() {
        return !quick;
    }

    /**
     * Called by the loop once it sees that the worker is leaving: closes this worker's copies of the
     * listeners, first handing every connection still waiting in their queues to {@code adopt} when a
     * signal asked for it. Other workers (or a new arbiter) may keep the same sockets open; once the
     * last copy closes, the kernel refuses new connections at once.
     */
    void closeListeners(Selector sel, java.util.function.Consumer<SocketChannel> adopt) {
        if (listenersClosed) {
            return;
        }
        listenersClosed = true;
        List<ServerSocketChannel> listeners = new ArrayList<>();
        for (SelectionKey key : List.copyOf(sel.keys())) {
            if (key.channel() instanceof ServerSocketChannel l) {
                key.cancel();
                listeners.add(l);
            }
        }
        try {
            sel.selectNow(); // deregisters them: a released fd must not stay in the selector
        } catch (IOException e) {
            // the selector is broken: the loop ends with it
        }
        for (ServerSocketChannel l : listeners) {
            if (drainQueue && !quick) {
                takeQueued(l, adopt);
            }
            try {
                InheritedListeners.release(l);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger("jgunicorn.worker").warn("Cannot close a listener: {}", e.getMessage());
            }
        }
        // only now do upgraded connections (WebSocket) say goodbye: a client that reconnects at once
        // must find its connection queued for another worker, not taken from the queue by this one
        live.forEach(Http1Connection::goingAway);
    }

    private static void takeQueued(ServerSocketChannel l, java.util.function.Consumer<SocketChannel> adopt) {
        for (int i = 0; i < MAX_TAKEN_AT_STOP; i++) {
            SocketChannel ch;
            try {
                ch = l.accept();
            } catch (IOException e) {
                continue; // a queued connection the client gave up on
            }
            if (ch == null) {
                return;
            }
            adopt.accept(ch);
        }
    }

    /** How long select() may block: short enough to heartbeat within timeout/2. */
    long pollMillis() {
        return Math.max(100, Math.min(1000, settings.timeoutSeconds() * 500L));
    }

    /** Closes what is left once {@link #finished} said so (a quick stop or the graceful timeout). */
    void closeRemaining() {
        live.forEach(Http1Connection::close);
    }
}
