package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.RequestRecord;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import java.time.Instant;

/**
 * The request a connection is serving, as the worker's watchdog sees it from another thread (since
 * when, which line, on which thread), and its report to the lifecycle when it ends.
 */
public final class Http1Serving {

    private final WorkerLifecycle lifecycle;
    private long started;
    /** Wall-clock start, taken only when someone records requests (an Instant per request costs). */
    private Instant startedAt;
    private volatile long since;
    private volatile Http1Exchange exchange;
    private volatile Thread thread;
    private volatile boolean reportedHung;

    Http1Serving(WorkerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** A complete head arrived: the request's clock starts. */
    void begin() {
        started = System.nanoTime();
        startedAt = lifecycle.recordsRequests() ? Instant.now() : null;
    }

    /** The request runs now as {@code ex}, on the calling thread. */
    void attach(Http1Exchange ex) {
        exchange = ex;
        thread = Thread.currentThread();
        reportedHung = false;
        since = started;
    }

    /** The thread went back to its pool while the exchange waits for its asynchronous completion. */
    void detachThread() {
        thread = null;
    }

    /** The response ended: reports it (status, bytes, duration, the record when recorded) and forgets it. */
    void end(Http1Exchange ex) {
        long duration = System.nanoTime() - started;
        Http1ResponseBody out = ex.out();
        lifecycle.endRequest(ex.status(), out.wireBytes(), duration);
        if (lifecycle.recordsRequests()) { // nobody listening: no record to build per request
            Instant at = startedAt != null ? startedAt : Instant.now().minusNanos(duration);
            lifecycle.requestCompleted(new RequestRecord(at, duration, Http1ErrorAnswers.remoteText(ex.remoteAddress()),
                    ex.method(), ex.uri().toString(), ex.version().asString(), ex.status(), out.wireBytes(),
                    ex.requestHeaders(), ex.responseHeaders(), ex.requestId(), out.bodyBytes()));
        }
        since = 0;
        exchange = null;
        thread = null;
    }

    /** nanoTime when the running request started, or 0 between requests. */
    public long since() {
        return since;
    }

    /** The running request's line, for logs; null between requests. */
    public String line() {
        Http1Exchange ex = exchange;
        return ex == null ? null : ex.method() + " " + ex.uri() + " " + ex.version().asString();
    }

    /** The thread running the current request, or null (between requests, or waiting asynchronously). */
    public Thread thread() {
        return thread;
    }

    /** True the first time it is called for the running request (a hung request is reported once). */
    public boolean markReportedHung() {
        if (reportedHung) {
            return false;
        }
        reportedHung = true;
        return true;
    }
}
