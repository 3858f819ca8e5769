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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gunicorn's {@code gthread}: a pool of {@code threads}. One selector thread accepts and reads
 * request heads non-blocking; a connection gets a pool thread only once its head is complete, and
 * goes back to the selector (not to a thread) while it idles between keep-alive requests. Slow or
 * idle clients therefore cost a timer, not a thread. {@code worker_connections} caps open connections.
 */
class ThreadWorker implements Worker {

    /** A connection while the selector owns it. */
    private record Conn(SocketChannel channel, Http1Connection http, long deadline) {}

    private final WorkerSupport support;
    private final ExecutorService pool;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Queue<Conn> returning = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;
    private long lastExpiry;
    private boolean accepting = true;

    ThreadWorker(WorkerContext ctx) {
        this(ctx, Executors.newFixedThreadPool(Math.max(1, ctx.intSetting("threads", 1)),
                Thread.ofPlatform().name("gthread-", 0).daemon().factory()));
    }

    ThreadWorker(WorkerContext ctx, ExecutorService pool) {
        this.support = new WorkerSupport(ctx);
        this.pool = pool;
        this.maxConnections = ctx.intSetting("worker_connections", 1000);
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
                    sel.selectNow(); // deregisters the cancelled keys so the channels can block
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
                key.cancel();
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
            Http1Connection http = support.newConnection(ch, true);
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
            c.channel().configureBlocking(true);
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
        try {
            if (reusable && c.http().parseBufferedHead()) {
                pool.execute(() -> serve(c));
                return;
            }
            if (reusable && support.running()) {
                c.channel().configureBlocking(false);
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
            if (key.attachment() instanceof Conn c && now - c.deadline() > 0) {
                key.cancel();
                close(c);
            }
        }
    }

    private void closeIdle(Selector sel) {
        for (SelectionKey key : sel.keys()) {
            if (key.attachment() instanceof Conn c) {
                close(c);
            }
        }
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

    @Override
    public void shutdown(boolean graceful) {
        support.requestStop(graceful);
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }
}
