package io.jgunicorn.bridge.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application's timer for async timeouts: one thread, started on first use (most applications
 * never use async) and stopped with the application.
 */
public final class AsyncTimer {

    private final String threadName;
    private ScheduledExecutorService executor;

    AsyncTimer(String threadName) {
        this.threadName = threadName;
    }

    public synchronized ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
        }
        return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    public synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
