package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Reactor;
import io.jgunicorn.container.http.Http1Waiter;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The selector loop shared by {@code gthread}, {@code virtual} and {@code async}: one selector thread accepts and
 * reads request heads non-blocking; a connection gets a serving thread only once its head is
 * complete, and goes back to the selector (not to a thread) while it idles between keep-alive
 * requests. Slow or idle clients therefore cost a timer, not a thread. {@code worker_connections}
 * caps open connections. The classes differ only in the {@link Serving} they give it: gthread, a
 * bounded pool of platform threads that each wait in a selector of their own, the loop on a platform
 * thread; virtual, a virtual thread per request that parks until a reactor sees its socket ready, the
 * loop turned by a virtual thread on the same carriers while there is work and by a platform thread
 * that guards it otherwise ({@link LoopBaton}); async, the same requests with the loop only a
 * virtual thread.
 *
 * <p>A connection stays non-blocking and registered for reading with the selector for its whole
 * life, so a keep-alive request costs no interest change and no wake-up: while it is served the
 * selector ignores it ({@link Conn#BUSY}); only if bytes arrive meanwhile (a pipelined request, a
 * body the application has not read yet) does the selector drop its interest ({@link Conn#PAUSED}),
 * and the serving thread hands it back through {@code returning} when done.
 *
 * <p>Leaving (see {@link WorkerSupport#retire}): the loop closes its listeners and goes on until
 * every connection it holds has ended: fresh ones are read and answered, busy ones finish, idle
 * keep-alive ones end when their keep-alive time passes with nothing received.
 */
class ThreadWorker implements Worker {

    /**
     * How requests are run, how their threads wait for a socket, and which thread turns the selector
     * loop.
     */
    record Serving(Executor pool, Supplier<Http1Waiter> waiterPerConnection, BooleanSupplier mayLinger,
                   int hungSlots, Loop loop) {}

    /** Which thread turns the selector loop. */
    enum Loop {
        /** The worker's main thread, blocking in {@code select()} (gthread). */
        PLATFORM,
        /** A virtual thread on the carriers that run the requests, parking in {@code select()} (async). */
        VIRTUAL,
        /**
         * A virtual thread while there is work, the main thread while there is none or the virtual
         * one starves (virtual): see {@link LoopBaton}.
         */
        GUARDED
    }

    /**
     * The guard takes the loop back from a virtual thread that was offered it (handed over, or
     * yielded its carrier) and has not run for this long.
     */
    private static final long STARVED_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** ... and keeps it for this long before handing it over again. */
    private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A takeover is logged at most this often. */
    private static final long TAKEOVER_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("jgunicorn.worker");

    /** A connection of this worker, and who owns it: the selector (IDLE) or a serving thread. */
    private static final class Conn {
        static final int IDLE = 0;
        static final int BUSY = 1;
        /** Busy, and bytes arrived meanwhile: the selector dropped its interest until it comes back. */
        static final int PAUSED = 2;

        final SocketChannel channel;
        final Http1Connection http;
        final AtomicInteger state = new AtomicInteger(IDLE);
        /** Set once the connection no longer counts against {@code worker_connections}. */
        final AtomicBoolean countedOut = new AtomicBoolean();
        SelectionKey key;
        volatile long deadline;

        Conn(SocketChannel channel, Http1Connection http, long deadline) {
            this.channel = channel;
            this.http = http;
            this.deadline = deadline;
        }
    }

    private final WorkerSupport support;
    private final Executor pool;
    private final Serving serving;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final HungRequests hung;
    private final Queue<Conn> returning = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;
    /** The thread running the selector loop: it never lingers on a close (it would stall every connection). */
    private volatile Thread loopThread;
    /** Under virtual, the virtual thread that takes the loop's turns while there is work (it never lingers either). */
    private volatile Thread virtualTurns;
    /** Under virtual, who turns the loop; null for the other classes. */
    private final LoopBaton baton;
    /** A failure of the loop's virtual thread, rethrown by the worker's main thread. */
    private volatile Throwable loopFailure;
    private int takeoversLogged;
    private long takeoverLoggedAt;
    /** True while the loop may block in select(): only then does a returning connection need a wakeup(). */
    private volatile boolean blocking;
    private long lastExpiry;
    private boolean accepting = true;

    /** gthread: {@code threads} platform threads, each waiting in a selector of its own. */
    static ThreadWorker gthread(WorkerContext ctx) {
        int threads = Math.max(1, ctx.config().integer("threads"));
        ThreadLocal<Selector> own = new ThreadLocal<>();
        ThreadFactory factory = Thread.ofPlatform().name("gthread-", 0).daemon().factory();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> factory.newThread(() -> withSelector(own, task)));
        return new ThreadWorker(ctx, new Serving(pool, () -> Http1Waiter.selectors(own::get),
                () -> own.get() != null, threads, Loop.PLATFORM));
    }

    /**
     * async: the selector loop is itself a virtual thread, and each request it reads runs on a virtual
     * thread it starts on its own carrier; waits park them until the worker's reactor sees the socket
     * ready. Under load a request is read, served and answered without a hand-off between OS threads:
     * the loop yields to the requests it started and polls again when they are done (see {@link #select}).
     * The request threads are unnamed: a name per request costs more than the request's parse.
     */
    static ThreadWorker async(WorkerContext ctx) {
        return perRequestVirtualThreads(ctx, "async-io", Loop.VIRTUAL);
    }

    private static ThreadWorker perRequestVirtualThreads(WorkerContext ctx, String reactorName, Loop loop) {
        Http1Waiter waiter = Http1Waiter.reactor(new Http1Reactor(reactorName));
        ThreadFactory requests = Thread.ofVirtual().factory();
        Executor pool = task -> requests.newThread(task).start();
        return new ThreadWorker(ctx, new Serving(pool, () -> waiter, () -> Thread.currentThread().isVirtual(),
                ctx.config().integer("worker_connections"), loop));
    }

    /**
     * virtual: each request runs plain blocking code on a virtual thread of its own, as in async, and
     * under load the loop's turns run on the same carriers (no hand-off between OS threads per
     * request), but a platform thread waits in {@code select()} when there is nothing to do and takes
     * the loop back when the requests compute without pausing on every carrier, so they cannot hold
     * off accepting, reading heads or the heartbeat for more than a tenth of a second
     * ({@link LoopBaton}). Waits park the request until the worker's reactor sees its socket ready.
     * Between requests a connection waits in the selector, not on a thread: under load a keep-alive
     * request costs a read and a write (about 2.2 system calls, where a thread per connection parked
     * in the JDK's poller cost 5-7).
     */
    static ThreadWorker virtual(WorkerContext ctx) {
        return perRequestVirtualThreads(ctx, "virtual-io", Loop.GUARDED);
    }

    ThreadWorker(WorkerContext ctx, Serving serving) {
        this.support = new WorkerSupport(ctx);
        this.serving = serving;
        this.pool = serving.pool();
        this.maxConnections = ctx.config().integer("worker_connections");
        this.hung = new HungRequests(support.settings.timeoutSeconds(), serving.hungSlots());
        this.baton = serving.loop() == Loop.GUARDED ? new LoopBaton(STARVED_NANOS, HOLD_NANOS) : null;
    }

    /** Runs a pool thread's loop with a selector of its own, closed when the thread ends. */
    private static void withSelector(ThreadLocal<Selector> own, Runnable loop) {
        try (Selector sel = Selector.open()) {
            own.set(sel);
            loop.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector for a pool thread", e);
        }
    }

    @Override
    public void run() throws IOException, InterruptedException {
        if (serving.loop() != Loop.VIRTUAL) {
            loopThread = Thread.currentThread();
            loop();
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread loop = Thread.ofVirtual().name("async-loop").unstarted(() -> {
            try {
                loop();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        loopThread = loop;
        loop.start();
        loop.join();
        switch (failure[0]) {
            case null -> { }
            case IOException e -> throw e;
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure[0]);
        }
    }

    private void loop() throws IOException, InterruptedException {
        try (Selector sel = support.openAcceptSelector()) {
            selector = sel;
            if (baton == null) {
                while (turn(sel)) {
                    // on until the worker has finished
                }
            } else {
                guardedTurns(sel);
            }
            support.closeRemaining();
        } finally {
            if (pool instanceof ExecutorService es) {
                es.shutdown();
                if (!es.awaitTermination(1, TimeUnit.SECONDS)) {
                    es.shutdownNow();
                }
            }
        }
    }

    /**
     * One turn of the loop: accepts, reads heads, starts the requests whose head is complete, takes
     * back returning connections, heartbeats. False once the worker has finished.
     */
    private boolean turn(Selector sel) throws IOException {
        if (!support.running()) { // first: what waits in the listen queue is ours to serve
            support.closeListeners(sel, ch -> adopt(sel, ch));
        }
        if (support.finished(open.get())) {
            return false;
        }
        if (hung.canServe(support.live)) {
            support.ctx.lifecycle().notifyAlive();
        }
        if (!select(sel)) {
            return true; // the baton changed hands while waiting: this thread touches nothing more
        }
        List<Conn> ready = handleSelected(sel);
        expireIdle(sel, ready);
        ready.forEach(c -> pool.execute(() -> serve(c)));
        registerReturning(sel);
        if (support.running()) {
            setAccepting(open.get() < maxConnections);
        }
        return true;
    }

    /**
     * virtual: the main thread turns the loop while it holds the baton and hands it to the virtual
     * thread when its select() wakes with something ready; while the virtual thread holds it, the
     * main thread guards.
     */
    private void guardedTurns(Selector sel) throws IOException {
        Thread virtual = Thread.ofVirtual().name("virtual-loop").unstarted(() -> virtualTurns(sel));
        virtualTurns = virtual;
        baton.threads(Thread.currentThread(), virtual);
        virtual.start();
        try {
            while (baton.guard() && turn(sel)) {
                // the main thread's turns: idle waits, and all of them for a while after a takeover
                logTakeovers();
            }
        } finally {
            baton.finish();
        }
        switch (loopFailure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(loopFailure);
        }
    }

    /**
     * Says, at most once a minute, that requests kept the loop's virtual thread off every carrier
     * (requests that compute without pausing, or more of them than the carriers can turn over).
     */
    private void logTakeovers() {
        int n = baton.takeovers();
        long now = System.nanoTime();
        if (n == takeoversLogged || takeoverLoggedAt != 0 && now - takeoverLoggedAt < TAKEOVER_LOG_NANOS) {
            return;
        }
        log.warn("Requests held every carrier for over {} ms (pid: {}): the loop's platform thread took the loop "
                + "over ({} time(s) since the last warning) and keeps it for {} s each time",
                TimeUnit.NANOSECONDS.toMillis(STARVED_NANOS), ProcessHandle.current().pid(), n - takeoversLogged,
                TimeUnit.NANOSECONDS.toSeconds(HOLD_NANOS));
        takeoversLogged = n;
        takeoverLoggedAt = now;
    }

    /** The virtual thread's side of {@link #guardedTurns}. */
    private void virtualTurns(Selector sel) {
        try {
            while (baton.awaitTurn() && turn(sel)) {
                // the virtual thread's turns, while there is work
            }
        } catch (Throwable e) {
            loopFailure = e;
        } finally {
            baton.finish();
        }
    }

    /**
     * Waits for readiness; false when, under virtual, the baton left this thread meanwhile. A
     * platform loop (gthread, and virtual's main thread) blocks in select(). A virtual loop (async,
     * and virtual's loop thread) first polls; when nothing is ready it yields once, so the requests it
     * just started run on this carrier (answering them is what makes the next ones arrive), and polls
     * again. When that also finds nothing, async blocks (parks, the JDK's poller watching the
     * selector) and virtual hands the loop back to its main thread. Connections handed back meanwhile
     * are registered first: the loop does not block while they wait.
     */
    private boolean select(Selector sel) throws IOException {
        boolean onCarrier = Thread.currentThread().isVirtual();
        if (onCarrier) {
            sel.selectNow(); // adds to what the main thread's select() may have left for this turn
            if (!sel.selectedKeys().isEmpty() || !returning.isEmpty()) {
                return true;
            }
            if (baton == null) {
                Thread.yield();
            } else if (!baton.yieldCarrier()) {
                return false;
            }
            if (sel.selectNow() > 0) {
                return true;
            }
            if (baton != null) {
                baton.handBack();
                return false;
            }
        }
        blocking = true;
        try {
            if (returning.isEmpty()) { // after setting blocking: a connection added later wakes us
                sel.select(support.pollMillis());
            }
        } finally {
            blocking = false;
        }
        // virtual: what woke the main thread is the virtual thread's to read and start, so that its
        // requests queue on the carrier behind it, not in the carriers' shared queue behind the
        // requests it keeps starting (they waited there up to 0.4 s under load)
        return baton == null || sel.selectedKeys().isEmpty() || !baton.handOver();
    }

    /** Accepts and reads; returns the connections whose request head is complete. */
    private List<Conn> handleSelected(Selector sel) {
        List<Conn> ready = new ArrayList<>();
        for (SelectionKey key : sel.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            try {
                if (key.isAcceptable()) {
                    acceptAll(key, sel);
                } else if (key.isReadable() && key.attachment() instanceof Conn c) {
                    int st = c.state.get();
                    if (st == Conn.BUSY && c.state.compareAndSet(Conn.BUSY, Conn.PAUSED)) {
                        key.interestOps(0); // bytes for the serving thread: not ours to read until it is done
                    } else if (st == Conn.IDLE && readHead(c)) {
                        ready.add(busy(c));
                    }
                }
            } catch (java.nio.channels.CancelledKeyException closedMeanwhile) {
                // its serving thread closed the connection (a client's FIN is often what woke us)
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
        BooleanSupplier mayLinger = serving.mayLinger();
        Http1Connection http = support.newConnection(ch, serving.waiterPerConnection().get(),
                () -> Thread.currentThread() != loopThread && Thread.currentThread() != virtualTurns
                        && mayLinger.getAsBoolean());
        Conn c = new Conn(ch, http, deadline(support.settings.timeoutSeconds()));
        try {
            ch.configureBlocking(false);
            c.key = ch.register(sel, SelectionKey.OP_READ, c);
        } catch (IOException e) {
            close(c);
        }
    }

    /** Reads what arrived; true when a head is complete (or refused, which also needs a thread). */
    private boolean readHead(Conn c) {
        try {
            int n = c.http.fillFrom(c.channel);
            if (c.http.parseBufferedHead()) {
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
            while (true) {
                CompletableFuture<Boolean> done = c.http.serveRequestDetached();
                if (!done.isDone()) {
                    done.thenAccept(reusable -> {
                        if (afterRequest(c, reusable)) {
                            pool.execute(() -> serve(c));
                        }
                    });
                    return;
                }
                if (!afterRequest(c, done.join())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            close(c); // the client went away
        }
    }

    /**
     * True when the next request's head is already here: the calling thread serves it too (a
     * pipelined request, or one that arrived while this one was answered). Otherwise the connection
     * idles in the selector: at once when its interest is still set (nothing arrived meanwhile),
     * through {@code returning} when the selector paused it and what arrived is not a whole head.
     */
    private boolean afterRequest(Conn c, boolean reusable) {
        if (c.http.isUpgraded()) { // it left HTTP, and still counts against worker_connections
            c.state.set(Conn.PAUSED);
            c.http.whenUpgradedClosed(() -> forget(c)); // first: the protocol may have closed it already
            try {
                c.key.interestOps(0); // its bytes are the new protocol's
            } catch (java.nio.channels.CancelledKeyException closedAlready) {
                // the protocol closed it before this thread got here (a 1002 for bytes that came
                // with the head): forget, registered above, has run or will run
            }
            return false;
        }
        try {
            if (reusable && c.http.parseBufferedHead()) {
                return true;
            }
            if (reusable) { // also while leaving: a next request may already be on its way
                c.deadline = deadline(support.settings.keepaliveSeconds());
                if (c.state.compareAndSet(Conn.BUSY, Conn.IDLE)) {
                    return false; // still registered for reading: the selector carries on
                }
                // paused: bytes arrived while we served, and the selector left them to this thread
                if (c.http.fillFrom(c.channel) < 0) {
                    close(c);
                    return false;
                }
                if (c.http.parseBufferedHead()) {
                    return true;
                }
                returning.add(c);
                Selector sel = selector;
                if (sel != null && blocking) {
                    sel.wakeup();
                }
                return false;
            }
        } catch (IOException | RuntimeException e) {
            // closed below
        }
        close(c);
        return false;
    }

    private void registerReturning(Selector sel) {
        for (Conn c; (c = returning.poll()) != null; ) {
            try {
                c.state.set(Conn.IDLE);
                c.key.interestOps(SelectionKey.OP_READ);
            } catch (java.nio.channels.CancelledKeyException e) {
                close(c);
            }
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
            if (key.attachment() instanceof Conn c && key.isValid() && c.state.get() == Conn.IDLE
                    && now - c.deadline > 0) {
                if (readHead(c)) {
                    ready.add(busy(c)); // bytes came in at the last moment: serve them
                    continue;
                }
                if (c.http.isClosed() || c.http.isIdle() || now - c.deadline > stall) {
                    key.cancel();
                    close(c);
                }
            }
        }
    }

    /** A connection with a complete head belongs to its serving thread until its request is done. */
    private static Conn busy(Conn c) {
        c.state.set(Conn.BUSY);
        return c;
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

    /**
     * Closes the connection (if nothing else did) and counts it out. Counting out is once per
     * connection whoever gets here first, this or {@link #forget}: a connection another party closed
     * (an upgraded protocol) must still be counted out, or a leaving worker waits for it forever.
     */
    private void close(Conn c) {
        synchronized (c.http) {
            if (!c.http.isClosed()) {
                c.http.close();
            }
        }
        forget(c);
    }

    /** The connection has ended: it no longer counts against {@code worker_connections}. */
    private void forget(Conn c) {
        if (c.countedOut.compareAndSet(false, true)) {
            open.decrementAndGet();
        }
        support.closed(c.http);
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
