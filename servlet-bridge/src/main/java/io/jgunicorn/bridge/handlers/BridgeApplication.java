package io.jgunicorn.bridge.handlers;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.Listeners;
import io.jgunicorn.bridge.core.PathDecoder;
import io.jgunicorn.bridge.core.ServletMatch;
import io.jgunicorn.bridge.core.Tccl;
import io.jgunicorn.bridge.session.HttpSessionImpl;
import io.jgunicorn.bridge.spec.ExchangeState;
import io.jgunicorn.bridge.spec.FilterChainImpl;
import io.jgunicorn.bridge.spec.RequestDispatcherImpl;
import io.jgunicorn.bridge.spec.RequestRunner;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The started web application as the container sees it: decodes the path, maps the servlet, runs
 * security, filters and servlet with the webapp's class loader, and turns failures into error pages.
 * Async dispatches and completion come back here ({@link RequestRunner}).
 */
public final class BridgeApplication implements HttpApplication, RequestRunner {

    private final Deployment deployment;
    private final Runnable onClose;
    private final ErrorPages errorPages;
    private final WelcomeFiles welcomeFiles;

    public BridgeApplication(Deployment deployment, Runnable onClose) {
        this.deployment = deployment;
        this.onClose = onClose;
        this.errorPages = new ErrorPages(deployment);
        this.welcomeFiles = new WelcomeFiles(deployment);
    }


    @Override
    public void handle(HttpExchange exchange) throws Exception {
        Tccl.run(deployment.classLoader(), () -> serve(exchange));
    }

    private void serve(HttpExchange exchange) throws Exception {
        if (deployment.state() != Deployment.State.STARTED) {
            plain(exchange, 503, "application not available");
            return;
        }
        String raw = exchange.uri().getPath();
        String contextPath = deployment.contextPath();
        if ("*".equals(raw)) {
            // the asterisk form addresses the server, never a resource (RFC 9112 3.2.4)
            plain(exchange, "OPTIONS".equals(exchange.method()) ? 200 : 400, "");
            return;
        }
        if (raw == null || !raw.startsWith(contextPath)) {
            plain(exchange, 404, "");
            return;
        }
        String rest = raw.substring(contextPath.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/' && rest.charAt(0) != ';') {
            plain(exchange, 404, "not found");
            return;
        }
        PathDecoder.DecodedPath decoded;
        try {
            decoded = PathDecoder.decode(rest.startsWith(";") ? "/" + rest : rest, deployment.sessions().pathParameterName());
        } catch (PathDecoder.BadPathException e) {
            plain(exchange, 400, "bad request path");
            return;
        }
        if (decoded.path().isEmpty()) {
            redirectToSlash(exchange, contextPath);
            return;
        }
        ExchangeState state = new ExchangeState(deployment, this, exchange, raw, decoded.path(), decoded.sessionId());
        state.match(ProtectedPaths.refuses(decoded.path()) ? null
                : welcomeFiles.apply(decoded.path(), deployment.matcher().match(decoded.path())));
        runRequest(state);
    }

    /** The first dispatch of a request: request listeners, security, chain, error handling, completion. */
    private void runRequest(ExchangeState state) throws Exception {
        HttpServletRequest request = state.request();
        state.sessions().accessRequested();
        ServletRequestEvent event = new ServletRequestEvent(deployment.servletContext(), request);
        Listeners.fire(deployment.classLoader(), deployment.listeners().request, l -> l.requestInitialized(event));
        try {
            if (deployment.security().check(state)) {
                dispatch(state, request);
            }
        } finally {
            if (state.async() == null) {
                finish(state);
            } else {
                // async was started: complete, dispatch or wait, whatever the application asked for meanwhile
                state.async().dispatchReturned();
            }
        }
    }

    private void dispatch(ExchangeState state, HttpServletRequest request) throws Exception {
        try {
            ServletMatch match = state.match();
            if (match == null) {
                state.response().sendError(404);
            } else {
                state.target(match.servlet());
                FilterChainImpl.build(deployment, DispatcherType.REQUEST, state.pathInContext(), match.servlet()).doFilter(request, state.response());
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            var bad = io.jgunicorn.container.spi.BadRequestException.find(e);
            if (bad != null && !state.response().isCommitted()) {
                state.response().sendError(bad.status()); // the client's fault, not a 500
            } else {
                errorPages.handleException(state, request, e);
            }
        }
        if (state.errorPending() && (state.async() == null || !state.async().isStarted())) {
            errorPages.sendErrorPage(state, request);
        }
    }

    /** Ends a request that is not (or no longer) asynchronous. */
    @Override
    public void finish(ExchangeState state) throws Exception {
        try {
            if (state.errorPending()) {
                errorPages.sendErrorPage(state, state.request());
            }
            saveSession(state);
            state.complete();
        } finally {
            state.release();
            ServletRequestEvent event = new ServletRequestEvent(deployment.servletContext(), state.request());
            Listeners.fireReversed(deployment.classLoader(), deployment.listeners().request, l -> l.requestDestroyed(event));
        }
    }

    /**
     * Saves the session before the response completes: the client may send its next request to
     * another worker as soon as it has the whole response. An attribute that cannot be serialized
     * is an error of the application: logged, and a 500 when the response is still uncommitted.
     */
    private void saveSession(ExchangeState state) {
        saveSession(state, deployment, state.sessions().inUse());
        state.sessions().othersInUse().forEach((other, session) -> saveSession(state, other, session));
    }

    private static void saveSession(ExchangeState state, Deployment owner, HttpSessionImpl session) {
        if (session == null) {
            return;
        }
        try {
            owner.sessions().save(session);
        } catch (RuntimeException e) {
            owner.log("Session " + session.getId() + " not fully saved", e);
            if (!state.response().isCommitted()) {
                state.response().reset();
                state.response().setStatus(500);
            }
        }
    }

    /** Runs an ASYNC dispatch (AsyncContext.dispatch) through the same error handling. */
    @Override
    public void asyncDispatch(ExchangeState state, jakarta.servlet.ServletRequest dispatched, RequestDispatcherImpl dispatcher,
                              java.util.Map<String, Object> attributes) throws Exception {
        // a plain ServletRequestWrapper has no HTTP view: error pages then see the request itself
        HttpServletRequest request = dispatched instanceof HttpServletRequest http ? http : state.request();
        Tccl.run(deployment.classLoader(), () -> {
            try {
                try {
                    dispatcher.dispatch(DispatcherType.ASYNC, dispatched, state.response(), attributes);
                } catch (Exception | LinkageError | StackOverflowError e) {
                    if (!state.async().notifyError(e)) {
                        errorPages.handleException(state, request, e);
                    }
                }
                if (state.errorPending() && !state.async().isStarted()) {
                    errorPages.sendErrorPage(state, request);
                }
            } finally {
                state.async().dispatchReturned();
            }
        });
    }

    private static void plain(HttpExchange exchange, int status, String message) throws java.io.IOException {
        byte[] body = message.isEmpty() ? new byte[0] : (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.setStatus(status);
        exchange.responseHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
        exchange.responseHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        exchange.responseBody().write(body);
    }

    /** "/app" names the context itself: Tomcat and Jetty redirect to "/app/" so relative links work. */
    private static void redirectToSlash(HttpExchange exchange, String contextPath) throws java.io.IOException {
        String query = exchange.uri().getQuery();
        exchange.setStatus(302);
        exchange.responseHeaders().put(HttpHeader.LOCATION, contextPath + "/" + (query == null ? "" : "?" + query));
        exchange.responseHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
