package io.jgunicorn.container.worker;

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
 */
final class Heartbeat implements WorkerLifecycle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("jgunicorn.worker");

    /** Touching the file is a syscall: at most this often, far below any timeout. */
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final Path file;
    private final long maxRequests;
    private final AtomicLong lastNotify = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean exit = new AtomicBoolean();

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
            Files.writeString(file.resolveSibling(file.getFileName() + ".failed"), reason, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot write the load failure beside {}: {}", file, e.toString());
        }
    }

    /** Tells the arbiter the app is loaded and the worker serves. */
    void ready() throws IOException {
        Files.writeString(file, "ready\n", StandardCharsets.US_ASCII);
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
            exit.set(true);
            return false;
        }
        return !exit.get();
    }

    @Override
    public void endRequest(int status, long responseBytes, long durationNanos) {
        if (maxRssBytes != Long.MAX_VALUE && !exit.get()) {
            long rss = Memory.residentBytes();
            if (rss > maxRssBytes) {
                log.info("Worker (pid: {}) uses {} MB, over max_worker_memory {} MB: recycling",
                        ProcessHandle.current().pid(), rss >> 20, maxRssBytes >> 20);
                exit.set(true);
            }
        }
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
