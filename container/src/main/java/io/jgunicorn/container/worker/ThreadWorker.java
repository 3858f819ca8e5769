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
 *
 * <p>Leaving (see {@link WorkerSupport#retire}): the loop closes its listeners and goes on until
 * every connection it holds has ended: fresh ones are read and answered, busy ones finish, idle
 * keep-alive ones end when their keep-alive time passes with nothing received.
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
    private final HungRequests hung;
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
        this.hung = new HungRequests(support.settings.timeoutSeconds(), Math.max(1, ctx.intSetting("threads", 1)));
    }

    /** Connections served in blocking mode by {@code pool}'s threads (see the class comment). */
    ThreadWorker(WorkerContext ctx, ExecutorService pool) {
        this.support = new WorkerSupport(ctx);
        this.waiter = null;
        this.pool = pool;
        this.maxConnections = ctx.intSetting("worker_connections", 1000);
        this.hung = new HungRequests(support.settings.timeoutSeconds(), maxConnections);
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
            while (true) {
                if (!support.running()) { // first: what waits in the listen queue is ours to serve
                    support.closeListeners(sel, ch -> adopt(sel, ch));
                }
                if (support.finished(open.get())) {
                    break;
                }
                if (hung.canServe(support.live)) {
                    support.ctx.lifecycle().notifyAlive();
                }
                sel.select(support.pollMillis());
                List<Conn> ready = handleSelected(sel);
                expireIdle(sel, ready);
                if (!ready.isEmpty()) {
                    if (blockingMode()) {
                        sel.selectNow(); // deregisters the cancelled keys so the channels can block
                    }
                    ready.forEach(c -> pool.execute(() -> serve(c)));
                }
                registerReturning(sel);
                if (support.running()) {
                    setAccepting(open.get() < maxConnections);
                }
            }
            support.closeRemaining();
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
                ready.add(busy(key));
            }
        }
        sel.selectedKeys().clear();
        return ready;
    }

    private void acceptAll(SelectionKey key, Selector sel) {
        while (open.get() < maxConnections && support.running()) {
            SocketChannel ch = WorkerSupport.accept(key);
            if (ch == null) {
                return;
            }
            adopt(sel, ch);
        }
    }

    /** A connection this worker now owns: it is served to its end, whatever happens to the worker. */
    private void adopt(Selector sel, SocketChannel ch) {
        open.incrementAndGet();
        Http1Connection http = support.newConnection(ch, true, blockingMode() ? null : waiter::get);
        register(sel, new Conn(ch, http, deadline(support.settings.timeoutSeconds())));
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
            if (reusable) { // also while leaving: a next request may already be on its way
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
            register(sel, c);
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

    /**
     * At most a few times a second: with thousands of idle connections a scan per wake-up would cost.
     * A connection whose time is up is closed only if no byte of a request has arrived; one with a
     * partial head gets the request timeout on top.
     */
    private void expireIdle(Selector sel, List<Conn> ready) {
        long now = System.nanoTime();
        if (now - lastExpiry < 200_000_000L) {
            return;
        }
        lastExpiry = now;
        long stall = support.settings.timeoutSeconds() * 1_000_000_000L;
        for (SelectionKey key : sel.keys()) {
            if (key.attachment() instanceof Conn c && idle(key) && now - c.deadline() > 0) {
                if (readHead(key)) {
                    ready.add(busy(key)); // bytes came in at the last moment: serve them
                    continue;
                }
                if (c.http().isClosed() || c.http().isIdle() || now - c.deadline() > stall) {
                    key.cancel();
                    close(c);
                }
            }
        }
    }

    /** A connection with a complete head leaves the selector's watch until its request is done. */
    private Conn busy(SelectionKey key) {
        if (blockingMode()) {
            key.cancel(); // the caller's selectNow() deregisters it so the channel can block
        } else {
            key.interestOps(0); // neither read here nor expired until it comes back
        }
        return (Conn) key.attachment();
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
            if (key.isValid() && key.channel() instanceof java.nio.channels.ServerSocketChannel) {
                key.interestOps(accepting ? SelectionKey.OP_ACCEPT : 0);
            }
        }
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + seconds * 1_000_000_000L;
    }

    /** Closes once: two threads closing the same connection must not count it out twice. */
    private void close(Conn c) {
        boolean wasOpen;
        synchronized (c.http()) {
            wasOpen = !c.http().isClosed();
            if (wasOpen) {
                c.http().close();
            }
        }
        if (wasOpen) {
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
