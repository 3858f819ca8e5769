package io.jgunicorn.container.lifecycle;

/**
 * Something that watches requests go by in a worker (metrics, access logs). Called on the thread
 * that served the request, so an observer must be quick and must not block or throw.
 */
public interface RequestObserver {

    /** A request head was parsed and the application is about to run. */
    default void requestStarted() {}

    /**
     * A request finished (or was refused: then {@link RequestRecord#method()} is null and
     * {@link #requestStarted()} was not called for it).
     */
    void requestCompleted(RequestRecord record);
}
