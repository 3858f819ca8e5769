package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1Connection;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code timeout} watch for the classes that heartbeat from their loop (gthread, virtual,
 * async), where one hung request does not silence the worker as it does under sync. A request
 * running longer than {@code timeout} is written to the error log once (request line, pid, the
 * stack of the thread running it). When every thread the worker can serve with is held by such
 * requests, the worker can no longer serve: the loop stops heartbeating, and the arbiter replaces it
 * as it would a hung sync worker (thread dump first).
 */
final class HungRequests {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.worker");
    private static final long SCAN_INTERVAL_NANOS = 500_000_000L;

    private final long timeoutNanos;
    private final int capacity;
    private long lastScan;
    private boolean stuck;

    /**
     * @param timeoutSeconds the worker timeout; 0 turns the watch off
     * @param capacity       how many requests can hold a thread at once (gthread's threads, or
     *                       worker_connections for the classes with a virtual thread per request)
     */
    HungRequests(int timeoutSeconds, int capacity) {
        this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
        this.capacity = Math.max(1, capacity);
    }

    /** Scans at most twice a second; true while the worker can still serve (so it may heartbeat). */
    boolean canServe(Collection<Http1Connection> live) {
        long now = System.nanoTime();
        if (timeoutNanos <= 0 || now - lastScan < SCAN_INTERVAL_NANOS) {
            return !stuck;
        }
        lastScan = now;
        int holding = 0;
        for (Http1Connection c : live) {
            long since = c.serving().since();
            if (since == 0 || now - since <= timeoutNanos) {
                continue;
            }
            Thread t = c.serving().thread();
            if (t != null) {
                holding++;
            }
            if (c.serving().markReportedHung()) {
                report(c, t, (now - since) / 1_000_000_000L);
            }
        }
        boolean wasStuck = stuck;
        stuck = holding >= capacity;
        if (stuck && !wasStuck) {
            log.error("Worker (pid: {}) cannot serve: all {} of its request threads run past the timeout; "
                    + "it stops heartbeating and will be replaced", ProcessHandle.current().pid(), capacity);
        }
        return !stuck;
    }

    private static void report(Http1Connection c, Thread t, long seconds) {
        String line = c.serving().line();
        long pid = ProcessHandle.current().pid();
        if (t == null) {
            log.error("Request running for {} s, past the timeout (pid: {}): {} (waiting asynchronously, no thread)",
                    seconds, pid, line);
            return;
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            stack.append("\n\tat ").append(e);
        }
        log.error("Request running for {} s, past the timeout (pid: {}): {} on thread \"{}\"{}",
                seconds, pid, line, t.getName(), stack);
    }
}
