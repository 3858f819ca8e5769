package io.jgunicorn.container.hooks;

import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;

/** Runs pre_request and post_request around the application, in the worker. */
public final class HookedApplication implements HttpApplication {

    private final HttpApplication app;
    private final Hooks hooks;
    private final WorkerInfo worker;

    public HookedApplication(HttpApplication app, Hooks hooks, WorkerInfo worker) {
        this.app = app;
        this.hooks = hooks;
        this.worker = worker;
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        RequestInfo req = new RequestInfo(ex.method(), ex.uri().getPathQuery(), ex.requestHeaders(),
                ex.remoteAddress() == null ? "" : ex.remoteAddress().getAddress().getHostAddress());
        hooks.run("pre_request", h -> h.preRequest(worker, req));
        try {
            app.handle(ex);
        } finally {
            hooks.run("post_request", h -> h.postRequest(worker, req, ex.status()));
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
