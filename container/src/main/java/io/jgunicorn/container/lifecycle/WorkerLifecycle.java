package io.jgunicorn.container.lifecycle;

/**
 * The worker process's side of the arbiter contract, as seen by a worker class.
 */
public interface WorkerLifecycle {

    /**
     * Proves the worker is alive (Gunicorn's {@code notify()}). {@code sync} calls it between
     * requests, so a hung request stops the heartbeat; the other classes call it from their loop
     * at least every {@code timeout / 2} seconds.
     */
    void notifyAlive();

    /**
     * Called when a request head has been parsed, before the application runs. Returns false when
     * this worker should stop taking requests after this one ({@code max_requests} reached, memory
     * limit passed, or shutdown requested): the response then carries {@code Connection: close}.
     */
    boolean beginRequest();

    /** Called when a response is complete; {@code status} and bytes for stats and hooks. */
    void endRequest(int status, long responseBytes, long durationNanos);

    /** Called once per finished (or refused) request with its details: access log, metrics. */
    default void requestCompleted(RequestRecord record) {}

    /** False when nothing observes requests, so the connection need not build a record per request. */
    default boolean recordsRequests() {
        return true;
    }

    /** True once the worker should finish in-flight work and exit (max requests, memory, signal). */
    boolean exitRequested();
}
