package io.jgunicorn.container.spi;

/**
 * The container's view of an application: the WSGI callable of this world.
 *
 * <p>A worker calls {@link #handle} once per request, on a thread the worker class chooses. The
 * container never imports {@code jakarta.*}; the servlet bridge adapts servlets to this interface.
 */
public interface HttpApplication extends AutoCloseable {

    /**
     * Serves one request. Returning normally completes the exchange (unless it was made
     * asynchronous with {@link HttpExchange#startAsync()}); throwing answers 500 if nothing was
     * committed yet, otherwise the connection is closed.
     */
    void handle(HttpExchange exchange) throws Exception;

    /**
     * The context paths this application serves ("" for the root), when it knows them; empty when it
     * does not. The deploy directory shows them in its status markers and checks them for clashes.
     */
    default java.util.List<String> contextPaths() {
        return java.util.List.of();
    }

    /** Stops the application and frees what it holds (class loaders, threads, temp files). */
    @Override
    default void close() {}
}
