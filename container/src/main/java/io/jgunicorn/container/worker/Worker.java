package io.jgunicorn.container.worker;

/**
 * A worker class's serving loop inside one worker process (Gunicorn's {@code Worker.run()}).
 * Implementations by strategy: {@code SyncWorker}, and {@code ThreadWorker} (the selector loop of
 * gthread, virtual and async).
 */
public interface Worker {

    /** Serves the listeners until {@link #shutdown} is called or the lifecycle asks to exit; then returns. */
    void run() throws Exception;

    /**
     * Asks the loop to stop. Graceful: stop accepting, let in-flight requests finish within the
     * graceful timeout, close idle keep-alive connections. Quick: close everything now.
     * Safe to call from any thread, more than once.
     */
    void shutdown(boolean graceful);
}
