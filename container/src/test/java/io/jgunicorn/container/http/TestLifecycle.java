package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the HTTP layer reports; refuses requests after {@code maxRequests}. */
public final class TestLifecycle implements WorkerLifecycle {

    public final AtomicInteger alive = new AtomicInteger();
    public final AtomicInteger begun = new AtomicInteger();
    public final AtomicInteger ended = new AtomicInteger();
    private final int maxRequests;

    public TestLifecycle() {
        this(Integer.MAX_VALUE);
    }

    public TestLifecycle(int maxRequests) {
        this.maxRequests = maxRequests;
    }

    @Override public void notifyAlive() { alive.incrementAndGet(); }
    @Override public boolean beginRequest() { return begun.incrementAndGet() < maxRequests; }
    @Override public void endRequest(int status, long responseBytes, long durationNanos) { ended.incrementAndGet(); }
    @Override public boolean exitRequested() { return false; }
}
