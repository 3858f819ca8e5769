package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1Connection;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gunicorn's {@code gthread}: a pool of {@code threads}. One selector thread accepts and reads
 * request heads non-blocking; a connection gets a pool thread only once its head is complete, and
 * goes back to the selector (not to a thread) while it idles between keep-alive requests. Slow or
 * idle clients therefore cost a timer, not a thread. {@code worker_connections} caps open connections.
 *
 * <p>Under gthread a connection stays non-blocking and registered with the selector for its whole
 * life: while a pool thread serves it, its interest set is empty, and a read or write that has to
 * wait does so in the pool thread's own selector. Subclasses whose tasks run on virtual threads
 * ({@code async}) instead deregister the connection and switch it to blocking mode while it is
 * served, since a blocking read parks a virtual thread without holding an OS thread.
 */
class ThreadWorker implements Worker {

    /** A connection while the selector owns it. */
    private record Conn(SocketChannel channel, Http1Connection http, long deadline) {}

    private final WorkerSupport support;
    private final ExecutorService pool;
    /** Each pool thread's selector to wait in; null outside the pool (and always, in blocking mode). */
    private final ThreadLocal<Selector> waiter;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Queue<Conn> returning = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;
    private long lastExpiry;
    private boolean accepting = true;

    ThreadWorker(WorkerContext ctx) {
        this.support = new WorkerSupport(ctx);
        this.waiter = new ThreadLocal<>();
        ThreadFactory threads = Thread.ofPlatform().name("gthread-", 0).daemon().factory();
        this.pool = Executors.newFixedThreadPool(Math.max(1, ctx.intSetting("threads", 1)),
                task -> threads.newThread(() -> withWaiter(task)));
        this.maxConnections = ctx.intSetting("worker_connections", 1000);
    }

    /** Connections served in blocking mode by {@code pool}'s threads (see the class comment). */
    ThreadWorker(WorkerContext ctx, ExecutorService pool) {
        this.support = new WorkerSupport(ctx);
        this.waiter = null;
        this.pool = pool;
        this.maxConnections = ctx.intSetting("worker_connections", 1000);
    }

    /** Runs a pool thread's loop with a selector of its own, closed when the thread ends. */
    private void withWaiter(Runnable loop) {
        try (Selector own = Selector.open()) {
            waiter.set(own);
            loop.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector for a pool thread", e);
        }
    }

    private boolean blockingMode() {
        return waiter == null;
    }

    @Override
    public void run() throws IOException, InterruptedException {
        try (Selector sel = support.openAcceptSelector()) {
            selector = sel;
            while (support.running()) {
                support.ctx.lifecycle().notifyAlive();
                sel.select(support.pollMillis());
                List<Conn> ready = handleSelected(sel);
                if (!ready.isEmpty()) {
                    if (blockingMode()) {
                        sel.selectNow(); // deregisters the cancelled keys so the channels can block
                    }
                    ready.forEach(c -> pool.execute(() -> serve(c)));
                }
                registerReturning(sel);
                expireIdle(sel);
                setAccepting(open.get() < maxConnections);
            }
            closeIdle(sel);
            support.drain();
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    /** Accepts and reads; returns the connections whose request head is complete. */
    private List<Conn> handleSelected(Selector sel) {
        List<Conn> ready = new ArrayList<>();
        for (SelectionKey key : sel.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                acceptAll(key, sel);
            } else if (key.isReadable() && readHead(key)) {
                if (blockingMode()) {
                    key.cancel();
                } else {
                    key.interestOps(0); // busy: neither read here nor expired until it comes back
                }
                ready.add((Conn) key.attachment());
            }
        }
        sel.selectedKeys().clear();
        return ready;
    }

    private void acceptAll(SelectionKey key, Selector sel) {
        while (open.get() < maxConnections) {
            SocketChannel ch = WorkerSupport.accept(key);
            if (ch == null) {
                return;
            }
            open.incrementAndGet();
            Http1Connection http = support.newConnection(ch, true, blockingMode() ? null : waiter::get);
            register(sel, new Conn(ch, http, deadline(support.settings.timeoutSeconds())));
        }
    }

    /** Reads what arrived; true when a head is complete (or refused, which also needs a thread). */
    private boolean readHead(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            int n = c.http().fillFrom(c.channel());
            if (c.http().parseBufferedHead()) {
                return true;
            }
            if (n < 0) {
                close(c);
            }
        } catch (IOException e) {
            close(c);
        }
        return false;
    }

    /**
     * On a pool thread: serves the request. An exchange that went asynchronous releases the thread;
     * whoever completes it continues in {@link #afterRequest}.
     */
    private void serve(Conn c) {
        try {
            if (blockingMode()) {
                c.channel().configureBlocking(true);
            }
            CompletableFuture<Boolean> done = c.http().serveRequestDetached();
            if (done.isDone()) {
                afterRequest(c, done.join());
            } else {
                done.thenAccept(reusable -> afterRequest(c, reusable));
            }
        } catch (IOException | RuntimeException e) {
            close(c); // the client went away
        }
    }

    /** A pipelined head goes straight back to the pool; otherwise the connection idles in the selector. */
    private void afterRequest(Conn c, boolean reusable) {
        if (c.http().isUpgraded()) { // it left HTTP, and still counts against worker_connections
            c.http().whenUpgradedClosed(() -> forget(c));
            return;
        }
        try {
            if (reusable && c.http().parseBufferedHead()) {
                pool.execute(() -> serve(c));
                return;
            }
            if (reusable && support.running()) {
                if (blockingMode()) {
                    c.channel().configureBlocking(false);
                }
                returning.add(new Conn(c.channel(), c.http(), deadline(support.settings.keepaliveSeconds())));
                Selector sel = selector;
                if (sel != null) {
                    sel.wakeup();
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            // closed below
        }
        close(c);
    }

    private void registerReturning(Selector sel) {
        for (Conn c; (c = returning.poll()) != null; ) {
            if (support.running()) {
                register(sel, c);
            } else {
                close(c);
            }
        }
    }

    /** Registers, or (a connection still registered here) sets its interest back to reading. */
    private void register(Selector sel, Conn c) {
        try {
            c.channel().configureBlocking(false);
            c.channel().register(sel, SelectionKey.OP_READ, c);
        } catch (IOException e) {
            close(c);
        }
    }

    /** At most a few times a second: with thousands of idle connections a scan per wake-up would cost. */
    private void expireIdle(Selector sel) {
        long now = System.nanoTime();
        if (now - lastExpiry < 200_000_000L) {
            return;
        }
        lastExpiry = now;
        for (SelectionKey key : sel.keys()) {
            if (key.attachment() instanceof Conn c && idle(key) && now - c.deadline() > 0) {
                key.cancel();
                close(c);
            }
        }
    }

    /** Busy connections are either not registered or registered with no interest. */
    private void closeIdle(Selector sel) {
        for (SelectionKey key : sel.keys()) {
            if (key.attachment() instanceof Conn c && idle(key)) {
                close(c);
            }
        }
    }

    private static boolean idle(SelectionKey key) {
        return key.isValid() && key.interestOps() != 0;
    }

    private void setAccepting(boolean accepting) {
        if (accepting == this.accepting) {
            return;
        }
        this.accepting = accepting;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() == null) {
                key.interestOps(accepting ? SelectionKey.OP_ACCEPT : 0);
            }
        }
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + seconds * 1_000_000_000L;
    }

    private void close(Conn c) {
        if (!c.http().isClosed()) {
            c.http().close();
            open.decrementAndGet();
        }
        support.closed(c.http());
    }

    private void forget(Conn c) {
        open.decrementAndGet();
        support.closed(c.http());
    }

    @Override
    public void shutdown(boolean graceful) {
        support.requestStop(graceful);
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }
}
