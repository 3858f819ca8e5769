package io.jgunicorn.container.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selector that upgraded connections wait in, one per worker process, started on the first
 * upgrade. Connections register one-shot interest in reading or writing; when the socket is ready
 * the interest is dropped and the callback runs here, on the selector thread, so callbacks must be
 * cheap (start a virtual thread, complete a future). The worker's own loop and its heartbeat never
 * wait on these sockets.
 */
public final class Http1Reactor {

    private static final Logger LOG = LoggerFactory.getLogger(Http1Reactor.class);

    /** The callbacks waiting on one channel, by operation; only touched on the selector thread. */
    private static final class Waiters {
        Runnable read;
        Runnable write;
    }

    private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final String threadName;
    private Selector selector;

    public Http1Reactor() {
        this("upgraded-io");
    }

    /** @param threadName the name of the selector thread, started on the first wait */
    public Http1Reactor(String threadName) {
        this.threadName = threadName;
    }

    /** Forgets a wait that timed out: its callback will not run for this readiness. */
    void cancel(SocketChannel channel, int op) {
        changes.add(() -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null && key.isValid()) {
                Waiters w = (Waiters) key.attachment();
                if (op == SelectionKey.OP_READ) {
                    w.read = null;
                } else {
                    w.write = null;
                }
                key.interestOps(key.interestOps() & ~op);
            }
        });
        selector().wakeup();
    }

    /** Runs {@code ready} once {@code channel} (non-blocking) is ready for {@code op} or closed. */
    void await(SocketChannel channel, int op, Runnable ready) {
        changes.add(() -> register(channel, op, ready));
        selector().wakeup();
    }

    private synchronized Selector selector() {
        if (selector == null) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the upgraded connections' selector", e);
            }
            Thread.ofPlatform().name(threadName).daemon().start(this::loop);
        }
        return selector;
    }

    private void register(SocketChannel channel, int op, Runnable ready) {
        try {
            SelectionKey key = channel.keyFor(selector);
            if (key == null) {
                key = channel.register(selector, 0, new Waiters());
            }
            Waiters w = (Waiters) key.attachment();
            if (op == SelectionKey.OP_READ) {
                w.read = ready;
            } else {
                w.write = ready;
            }
            key.interestOps(key.interestOps() | op);
        } catch (ClosedChannelException | CancelledKeyException | IllegalArgumentException closed) {
            ready.run(); // the connection closed meanwhile: its reader or writer finds out
        }
    }

    private void loop() {
        Selector sel = selector;
        while (sel.isOpen()) {
            try {
                sel.select();
                for (Runnable change; (change = changes.poll()) != null; ) {
                    change.run();
                }
                for (SelectionKey key : sel.selectedKeys()) {
                    fire(key);
                }
                sel.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                LOG.warn("upgraded connections' selector: {}", e.toString());
            }
        }
    }

    private static void fire(SelectionKey key) {
        Waiters w = (Waiters) key.attachment();
        int ready;
        try {
            ready = key.readyOps();
            key.interestOps(key.interestOps() & ~ready);
        } catch (CancelledKeyException closed) {
            ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
        }
        if ((ready & (SelectionKey.OP_READ)) != 0 && w.read != null) {
            Runnable r = w.read;
            w.read = null;
            r.run();
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && w.write != null) {
            Runnable r = w.write;
            w.write = null;
            r.run();
        }
    }
}
