package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.Tccl;
import io.jgunicorn.container.spi.HttpExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Servlet async over {@link HttpExchange#startAsync()}. A dispatch or complete requested while a
 * container dispatch is still running takes effect when that dispatch returns ({@link #dispatchReturned});
 * later ones run at once on a thread from {@link HttpExchange.AsyncHandle#dispatch}. No thread waits
 * meanwhile: the timeout is a scheduled task.
 */
public final class AsyncContextImpl implements AsyncContext {

    private record Registration(AsyncListener listener, ServletRequest request, ServletResponse response) {}

    private final ExchangeState state;
    private final HttpExchange.AsyncHandle handle;
    private final List<Registration> listeners = new ArrayList<>();
    private final List<Runnable> afterDispatch = new ArrayList<>();
    private ServletRequest request;
    private ServletResponse response;
    private long timeout = 30_000;
    private ScheduledFuture<?> timer;
    private boolean started;
    private boolean inDispatch = true;
    private Runnable pendingDispatch;
    private boolean completePending;
    private boolean completed;

    private AsyncContextImpl(ExchangeState state) {
        this.state = state;
        this.handle = state.exchange().startAsync();
    }

    static synchronized AsyncContextImpl start(ExchangeState state, ServletRequest request, ServletResponse response) {
        if (!state.asyncSupported()) {
            throw new IllegalStateException("a filter or servlet of this request does not support async");
        }
        AsyncContextImpl async = state.async();
        if (async == null) {
            async = new AsyncContextImpl(state);
            state.async(async);
        }
        async.restart(request, response);
        return async;
    }

    private synchronized void restart(ServletRequest req, ServletResponse res) {
        // after dispatch() in this same dispatch too: the request is to leave async mode once it returns
        if (started || completed || completePending || pendingDispatch != null || !inDispatch) {
            throw new IllegalStateException("startAsync is only allowed once per container dispatch");
        }
        request = req;
        response = res;
        started = true;
        List<Registration> previous = List.copyOf(listeners);
        listeners.clear();
        for (Registration r : previous) {
            fire(r, l -> l.onStartAsync(new AsyncEvent(this, r.request(), r.response())));
        }
    }

    public synchronized boolean isStarted() { return started; }

    /**
     * {@code isAsyncStarted()}: as {@link #isStarted}, and still true after {@code complete()} was called
     * during a container dispatch, until that dispatch returns (the request completes only then), as
     * Tomcat's MUST_COMPLETE state has it.
     */
    public synchronized boolean startedForApplication() { return started || completePending && inDispatch; }

    // --- dispatch and complete ------------------------------------------------------------------

    @Override
    public void dispatch() {
        if (request == state.request() && state.forwardedTo() != null) {
            dispatch(state.forwardedContext().servletContext(), state.forwardedTo());
        } else {
            dispatch(request.getServletContext(), pathOf(request));
        }
    }

    /** To a path of the context of the request async was started with (a dispatched request's: the target's). */
    @Override public void dispatch(String path) { dispatch(request.getServletContext(), path); }

    private String pathOf(ServletRequest req) {
        if (req == state.request() || !(req instanceof HttpServletRequest http)) {
            String query = state.exchange().uri().getQuery();
            return state.requestURI().substring(state.deployment().contextPath().length()) + (query == null ? "" : "?" + query);
        }
        String uri = http.getRequestURI().substring(http.getContextPath().length());
        return uri + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
    }

    @Override
    public synchronized void dispatch(ServletContext context, String path) {
        if (!started) {
            throw new IllegalStateException("dispatch or complete was already called");
        }
        RequestDispatcherImpl dispatcher = RequestDispatcherImpl.forPath(reachable(context), path);
        if (dispatcher == null) {
            throw new IllegalArgumentException("bad dispatch path " + path);
        }
        started = false;
        cancelTimer();
        ServletRequest dispatchedRequest = request;
        PlainWrappers plain = PlainWrappers.of(dispatchedRequest);
        Map<String, Object> attributes = asyncAttributes(plain == null ? (HttpServletRequest) dispatchedRequest : plain.http());
        Runnable task = () -> {
            try {
                state.runner().asyncDispatch(state, dispatchedRequest, dispatcher, attributes);
            } catch (Exception e) {
                state.deployment().log("async dispatch to " + path + " failed", e);
            }
        };
        if (inDispatch) {
            pendingDispatch = task;
        } else {
            inDispatch = true;
            handle.dispatch(task);
        }
    }

    /** This request's context, or another one that getContext would give it (cross_context on). */
    private Deployment reachable(ServletContext context) {
        Deployment own = state.deployment();
        if (context == own.servletContext()) {
            return own;
        }
        if (context instanceof ServletContextImpl impl) {
            Deployment other = impl.deployment();
            if (own.reachable(other.contextPath().isEmpty() ? "/" : other.contextPath()) == other) {
                return other;
            }
        }
        throw new IllegalArgumentException("cannot dispatch into the context at '"
                + (context == null ? null : context.getContextPath()) + "': it is not this application's and cross_context is off");
    }

    private static Map<String, Object> asyncAttributes(HttpServletRequest original) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(ASYNC_REQUEST_URI, original.getRequestURI());
        attributes.put(ASYNC_CONTEXT_PATH, original.getContextPath());
        attributes.put(ASYNC_SERVLET_PATH, original.getServletPath());
        attributes.put(ASYNC_PATH_INFO, original.getPathInfo());
        attributes.put(ASYNC_QUERY_STRING, original.getQueryString());
        attributes.put(ASYNC_MAPPING, original.getHttpServletMapping());
        return attributes;
    }

    @Override
    public synchronized void complete() {
        if (completed || completePending) {
            throw new IllegalStateException("already completed");
        }
        started = false;
        cancelTimer();
        if (inDispatch) {
            completePending = true;
        } else {
            doComplete();
        }
    }

    /** A container dispatch (the first, an async one, or a listener callback) has returned. */
    public synchronized void dispatchReturned() {
        inDispatch = false;
        if (completePending) {
            doComplete();
        } else if (pendingDispatch != null) {
            Runnable task = pendingDispatch;
            pendingDispatch = null;
            inDispatch = true;
            handle.dispatch(task);
        } else if (started) {
            afterDispatch.forEach(this::runTask);
            afterDispatch.clear();
            scheduleTimeout();
        } else if (!completed) {
            // an async dispatch returned without starting async again: the request is done
            doComplete();
        }
    }

    private void doComplete() {
        completePending = false;
        if (completed) {
            return;
        }
        completed = true;
        for (Registration r : listeners) {
            fire(r, l -> l.onComplete(new AsyncEvent(this, r.request(), r.response())));
        }
        try {
            Tccl.run(state.deployment().classLoader(), () -> state.runner().finish(state));
        } catch (Exception e) {
            state.deployment().log("completing async request failed", e);
        } finally {
            handle.complete();
        }
    }

    // --- container tasks, timeout, errors ----------------------------------------------------------

    /** Runs {@code task} on a container thread once no container dispatch is running for this request. */
    synchronized void runAfterDispatch(Runnable task) {
        if (inDispatch) {
            afterDispatch.add(task);
        } else {
            runTask(task);
        }
    }

    private void runTask(Runnable task) {
        handle.dispatch(() -> Tccl.run(state.deployment().classLoader(), task::run));
    }

    @Override
    public void start(Runnable run) {
        runTask(run);
    }

    private void scheduleTimeout() {
        if (timeout > 0 && timer == null) {
            timer = state.deployment().timer().schedule(() -> handle.dispatch(this::onTimeout), timeout);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onTimeout() {
        synchronized (this) {
            if (!started || completed) {
                return;
            }
            timer = null;
            inDispatch = true;
        }
        Tccl.run(state.deployment().classLoader(), () -> {
            for (Registration r : List.copyOf(listeners)) {
                fire(r, l -> l.onTimeout(new AsyncEvent(this, r.request(), r.response())));
            }
        });
        synchronized (this) {
            if (started) {
                // no listener dispatched or completed: the spec's error dispatch with status 500
                started = false;
                completePending = true;
                if (!state.isCommitted()) {
                    state.response().setStatus(500);
                    state.sendError(500, "async request timed out");
                }
            }
        }
        dispatchReturned();
    }

    /** Tells listeners about an exception from an async dispatch; true if one of them took over. */
    public boolean notifyError(Throwable failure) {
        List<Registration> copy;
        synchronized (this) {
            copy = List.copyOf(listeners);
        }
        for (Registration r : copy) {
            fire(r, l -> l.onError(new AsyncEvent(this, r.request(), r.response(), failure)));
        }
        synchronized (this) {
            return completePending || pendingDispatch != null;
        }
    }

    private interface ListenerCall {
        void call(AsyncListener listener) throws java.io.IOException;
    }

    private void fire(Registration r, ListenerCall call) {
        try {
            Tccl.run(state.deployment().classLoader(), () -> call.call(r.listener()));
        } catch (Exception e) {
            state.deployment().log("async listener failed", e);
        }
    }

    // --- accessors ----------------------------------------------------------------------------

    @Override public ServletRequest getRequest() { checkNotCompleted(); return request; }
    @Override public ServletResponse getResponse() { checkNotCompleted(); return response; }

    private void checkNotCompleted() {
        if (completed) {
            throw new IllegalStateException("async request completed");
        }
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return request == state.request() && response == state.response();
    }

    @Override public void addListener(AsyncListener listener) { addListener(listener, request, response); }

    @Override
    public synchronized void addListener(AsyncListener listener, ServletRequest req, ServletResponse res) {
        if (!started || !inDispatch) {
            throw new IllegalStateException("listeners may only be added during the dispatch that started async");
        }
        listeners.add(new Registration(listener, req, res));
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return state.deployment().instantiate(type);
    }

    @Override
    public synchronized void setTimeout(long millis) {
        if (!inDispatch) {
            throw new IllegalStateException("the timeout can only be set during the dispatch that started async");
        }
        timeout = millis;
    }

    @Override public synchronized long getTimeout() { return timeout; }
}
