package io.jgunicorn.container.http;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * How a thread serving a non-blocking connection waits until its socket is ready, for
 * {@link Http1ChannelTransport}: a platform thread in a selector of its own ({@link #selectors}),
 * a virtual thread parked until a shared reactor sees the socket ready ({@link #reactor}).
 */
@FunctionalInterface
public interface Http1Waiter {

    /** Waits until {@code ch} is ready for {@code op}; false when {@code timeoutMillis} (0: none) passed first. */
    boolean await(SocketChannel ch, int op, long timeoutMillis) throws IOException;

    /** The connection closed: frees what this waiter opened for it. */
    default void close() {}

    /** Waits in the selector {@code perThread} gives the calling thread (or a new one of the connection's when null). */
    static Http1Waiter selectors(Supplier<Selector> perThread) {
        return new Http1Waiter() {
            private Selector own;

            @Override
            public boolean await(SocketChannel ch, int op, long timeoutMillis) throws IOException {
                Selector sel = perThread.get();
                if (sel == null) {
                    synchronized (this) {
                        if (own == null) {
                            own = Selector.open();
                        }
                        sel = own;
                    }
                }
                SelectionKey key = ch.register(sel, op);
                try {
                    return sel.select(timeoutMillis) > 0;
                } finally {
                    key.cancel();
                    sel.selectNow(); // completes the deregistration
                }
            }

            @Override
            public synchronized void close() {
                if (own != null) {
                    try {
                        own.close();
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
            }
        };
    }

    /**
     * Parks the calling (virtual) thread until {@code reactor} sees the socket ready: readiness
     * from the reactor's selector, no thread held while waiting and no switch to blocking mode.
     */
    static Http1Waiter reactor(Http1Reactor reactor) {
        return (ch, op, timeoutMillis) -> {
            Thread waiting = Thread.currentThread();
            AtomicBoolean ready = new AtomicBoolean();
            reactor.await(ch, op, () -> {
                ready.set(true);
                LockSupport.unpark(waiting);
            });
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (!ready.get()) {
                if (timeoutMillis <= 0) {
                    LockSupport.park(reactor);
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    reactor.cancel(ch, op);
                    return ready.get();
                }
                LockSupport.parkNanos(reactor, left);
            }
            return true;
        };
    }
}
