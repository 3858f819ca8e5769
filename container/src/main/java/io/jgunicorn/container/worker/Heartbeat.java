package io.jgunicorn.container.worker;

import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.container.lifecycle.RequestObserver;
import io.jgunicorn.container.lifecycle.RequestRecord;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's side of the arbiter contract (Gunicorn's WorkerTmp + request accounting): touches
 * the heartbeat file, counts requests towards {@code max_requests} (+ jitter), and carries the
 * "please exit" flag set by signals.
 *
 * <p>The file holds {@code ready} once the app is loaded, and {@code leaving} once the worker has
 * decided to go on its own (max requests, memory): the arbiter then starts its replacement at once
 * instead of after the exit ({@code arbiter.WorkerProcess} reads it).
 */
final class Heartbeat implements WorkerLifecycle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("jgunicorn.worker");

    /** Touching the file is a syscall: at most this often, far below any timeout. */
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;
    /** Reading the RSS costs three syscalls: at most this often. */
    private static final long RSS_INTERVAL_NANOS = 100_000_000L;
    public static final String READY = WorkerContract.READY;
    public static final String LEAVING = WorkerContract.LEAVING;

    private final Path file;
    private final long maxRequests;
    private final AtomicLong lastNotify = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean exit = new AtomicBoolean();
    private final AtomicLong lastRssCheck = new AtomicLong(System.nanoTime());

    private final long maxRssBytes;
    /** Access log, metrics and similar side jobs; added before the worker serves, read on request threads. */
    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();

    Heartbeat(Path file, int maxRequests, int jitter, int maxMemoryMb) {
        this.file = file;
        this.maxRssBytes = maxMemoryMb <= 0 ? Long.MAX_VALUE : maxMemoryMb * 1024L * 1024L;
        this.maxRequests = maxRequests <= 0 ? Long.MAX_VALUE
                : maxRequests + (jitter > 0 ? ThreadLocalRandom.current().nextInt(jitter + 1) : 0);
    }

    /**
     * Tells the arbiter why the app failed to load, beside the heartbeat file ({@code HEARTBEAT.failed}):
     * a deploy directory puts it in the deployable's .failed marker. Best effort: the log has it too.
     */
    void loadFailed(String reason) {
        try {
            Files.writeString(WorkerContract.failureFile(file), reason, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot write the load failure beside {}: {}", file, e.toString());
        }
    }

    /** Tells the arbiter the app is loaded and the worker serves. */
    void ready() throws IOException {
        Files.writeString(file, READY, StandardCharsets.US_ASCII);
        touch();
    }

    @Override
    public void notifyAlive() {
        long now = System.nanoTime();
        long last = lastNotify.get();
        if (now - last >= MIN_INTERVAL_NANOS && lastNotify.compareAndSet(last, now)) {
            touch();
        }
    }

    private void touch() {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // the arbiter removed the file: it is shutting us down anyway
        }
    }

    @Override
    public boolean beginRequest() {
        long n = requests.incrementAndGet();
        for (RequestObserver o : observers) {
            o.requestStarted();
        }
        if (n >= maxRequests) {
            leave();
            return false;
        }
        if (overMemory()) {
            leave();
        }
        return !exit.get();
    }

    /** Checked when a request starts, so this request's response already carries Connection: close. */
    private boolean overMemory() {
        long now = System.nanoTime();
        long last = lastRssCheck.get();
        if (maxRssBytes == Long.MAX_VALUE || exit.get() || now - last < RSS_INTERVAL_NANOS
                || !lastRssCheck.compareAndSet(last, now)) {
            return false;
        }
        long rss = Memory.residentBytes();
        if (rss <= maxRssBytes) {
            return false;
        }
        log.info("Worker (pid: {}) uses {} MB, over max_worker_memory {} MB: recycling",
                ProcessHandle.current().pid(), rss >> 20, maxRssBytes >> 20);
        return true;
    }

    /** The worker goes on its own: from now on it accepts nothing, and the arbiter may replace it. */
    private void leave() {
        if (exit.compareAndSet(false, true)) {
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                // one write over "ready": the file is never seen empty (empty means not ready)
                ch.write(java.nio.ByteBuffer.wrap(LEAVING.getBytes(StandardCharsets.US_ASCII)), 0);
            } catch (IOException e) {
                // the arbiter removed the file: it is shutting us down anyway
            }
        }
    }

    /**
     * The worker serves nothing more (listeners and connections closed): the arbiter need not wait
     * for its exit before it tells anyone that only newer workers answer. One write over the file,
     * as {@link #leave}.
     */
    void stopped() {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(WorkerContract.STOPPED.getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // the arbiter removed the file: it is shutting us down anyway
        }
    }

    @Override
    public void endRequest(int status, long responseBytes, long durationNanos) {
        // nothing to account: max_requests and max_worker_memory are decided when a request starts
    }

    /** Adds a per-request observer (the access log); called on the thread that finished the request. */
    void addObserver(java.util.function.Consumer<RequestRecord> observer) {
        observers.add(observer::accept);
    }

    @Override
    public boolean recordsRequests() {
        return !observers.isEmpty();
    }

    @Override
    public void requestCompleted(RequestRecord record) {
        for (RequestObserver o : observers) {
            try {
                o.requestCompleted(record);
            } catch (RuntimeException e) {
                log.warn("Request observer failed: {}", e.toString());
            }
        }
    }

    /** Adds an observer of every request (call before the worker serves). */
    void observe(RequestObserver observer) {
        observers.add(observer);
    }

    @Override
    public boolean exitRequested() {
        return exit.get();
    }

    void requestExit() {
        exit.set(true);
    }

    long requestCount() {
        return requests.get();
    }

    boolean maxRequestsReached() {
        return requests.get() >= maxRequests;
    }
}
