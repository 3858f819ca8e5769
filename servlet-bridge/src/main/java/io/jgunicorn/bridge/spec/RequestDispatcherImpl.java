package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.PathDecoder;
import io.jgunicorn.bridge.core.ServletHolder;
import io.jgunicorn.bridge.core.ServletMatch;
import io.jgunicorn.bridge.core.Tccl;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.URIUtil;

/**
 * Forward and include, to a path within the context or to a named servlet. The context may be
 * another application's (cross-context, {@code ServletContext.getContext}): the request and response
 * then come from the calling application, and the target runs with its own filters, class loader,
 * paths and sessions (see {@link DispatchedRequest}).
 */
public final class RequestDispatcherImpl implements RequestDispatcher {

    private final Deployment deployment;
    private final String uriPath;
    private final String query;
    private final String decodedPath;
    private final ServletHolder named;

    private RequestDispatcherImpl(Deployment deployment, String uriPath, String query, String decodedPath, ServletHolder named) {
        this.deployment = deployment;
        this.uriPath = uriPath;
        this.query = query;
        this.decodedPath = decodedPath;
        this.named = named;
    }

    /** A dispatcher for a context-relative path ("/x?a=1"), or null when the path is not acceptable. */
    public static RequestDispatcherImpl forPath(Deployment deployment, String path) {
        int q = path.indexOf('?');
        String uriPath = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? null : path.substring(q + 1);
        try {
            String decoded = PathDecoder.decode(uriPath, "jsessionid").path();
            return new RequestDispatcherImpl(deployment, uriPath, query, decoded.isEmpty() ? "/" : decoded, null);
        } catch (PathDecoder.BadPathException e) {
            return null;
        }
    }

    public static RequestDispatcherImpl named(Deployment deployment, ServletHolder servlet) {
        return new RequestDispatcherImpl(deployment, null, null, null, servlet);
    }

    /** ServletRequest.getRequestDispatcher: a relative path is relative to the current servlet path. */
    public static RequestDispatcherImpl relative(Deployment deployment, HttpServletRequest request, String path) {
        if (path == null) {
            return null;
        }
        if (path.startsWith("/")) {
            return forPath(deployment, path);
        }
        String current = currentPath(request);
        String directory = current.substring(0, current.lastIndexOf('/') + 1);
        String resolved = URIUtil.normalizePath(directory + path);
        return resolved == null ? null : forPath(deployment, resolved);
    }

    /** Within an include the current servlet is the included one (its paths are in the include.* attributes). */
    private static String currentPath(HttpServletRequest request) {
        Object includedServletPath = request.getAttribute(INCLUDE_SERVLET_PATH);
        if (request.getDispatcherType() == DispatcherType.INCLUDE && includedServletPath instanceof String servletPath) {
            Object info = request.getAttribute(INCLUDE_PATH_INFO);
            return servletPath + (info == null ? "" : info);
        }
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private ServletMatch target() throws ServletException {
        if (deployment.state() != Deployment.State.STARTED) {
            // another application's context, kept past its undeploy
            throw new ServletException("the application at '" + deployment.contextPath() + "' is not running");
        }
        return named != null ? ServletMatch.named(named) : deployment.matcher().match(decodedPath);
    }

    @Override
    public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (response.isCommitted()) {
            throw new IllegalStateException("cannot forward after the response has been committed");
        }
        response.resetBuffer();
        PlainWrappers plain = PlainWrappers.of(request);
        HttpServletRequest http = plain == null ? (HttpServletRequest) request : plain.http();
        ExchangeState state = Unwrap.state(request);
        ServletMatch target = target();
        if (target == null) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpServletRequest dispatched;
        if (named != null) {
            dispatched = DispatchedRequest.named(http, DispatcherType.FORWARD, deployment);
        } else {
            Map<String, Object> attributes = http.getAttribute(FORWARD_REQUEST_URI) == null ? forwardAttributes(http) : Map.of();
            dispatched = DispatchedRequest.retargeted(http, DispatcherType.FORWARD, deployment, target, deployment.contextPath() + uriPath, query, attributes);
            if (state != null) {
                state.forwardedTo(deployment, uriPath + (query == null ? "" : "?" + query));
            }
        }
        run(state, DispatcherType.FORWARD, target, dispatched, plain, response);
        // once async started (even if already dispatched on) the response is not finished here
        if (state != null && state.async() == null) {
            state.closeOutput();
        }
    }

    static Map<String, Object> forwardAttributes(HttpServletRequest original) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(FORWARD_REQUEST_URI, original.getRequestURI());
        attributes.put(FORWARD_CONTEXT_PATH, original.getContextPath());
        attributes.put(FORWARD_SERVLET_PATH, original.getServletPath());
        attributes.put(FORWARD_PATH_INFO, original.getPathInfo());
        attributes.put(FORWARD_QUERY_STRING, original.getQueryString());
        attributes.put(FORWARD_MAPPING, original.getHttpServletMapping());
        return attributes;
    }

    @Override
    public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        PlainWrappers plain = PlainWrappers.of(request);
        HttpServletRequest http = plain == null ? (HttpServletRequest) request : plain.http();
        ExchangeState state = Unwrap.state(request);
        ServletMatch target = target();
        if (target == null) {
            throw new ServletException("nothing to include at " + uriPath);
        }
        HttpServletRequest dispatched;
        if (named != null) {
            dispatched = DispatchedRequest.named(http, DispatcherType.INCLUDE, deployment);
        } else {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(INCLUDE_REQUEST_URI, deployment.contextPath() + uriPath);
            attributes.put(INCLUDE_CONTEXT_PATH, deployment.contextPath());
            attributes.put(INCLUDE_SERVLET_PATH, target.servletPath());
            attributes.put(INCLUDE_PATH_INFO, target.pathInfo());
            attributes.put(INCLUDE_QUERY_STRING, query);
            attributes.put(INCLUDE_MAPPING, target.mapping());
            dispatched = DispatchedRequest.include(http, deployment, query, attributes);
        }
        if (state != null) {
            state.enterInclude();
        }
        try {
            run(state, DispatcherType.INCLUDE, target, dispatched, plain, response);
        } finally {
            if (state != null) {
                state.exitInclude();
            }
        }
    }

    /** ERROR and ASYNC dispatches, started by the container rather than by the application. */
    public void dispatch(DispatcherType type, ServletRequest request, ServletResponse response, Map<String, Object> attributes)
            throws ServletException, IOException {
        PlainWrappers plain = PlainWrappers.of(request);
        HttpServletRequest http = plain == null ? (HttpServletRequest) request : plain.http();
        ExchangeState state = Unwrap.state(request);
        ServletMatch target = target();
        if (target == null) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpServletRequest dispatched = DispatchedRequest.retargeted(http, type, deployment, target, deployment.contextPath() + uriPath, query, attributes);
        run(state, type, target, dispatched, plain, response);
    }

    /** Runs the target's chain with {@code dispatched}, beneath the application's plain wrappers when there are any. */
    private void run(ExchangeState state, DispatcherType type, ServletMatch target, HttpServletRequest dispatched,
                     PlainWrappers plain, ServletResponse response) throws ServletException, IOException {
        ServletHolder previous = state == null ? null : state.target();
        if (state != null) {
            state.target(target.servlet());
        }
        ServletRequest request = plain == null ? dispatched : plain.insert(dispatched);
        try {
            // the target's class loader: the caller's already, unless this crosses into another application
            Tccl.service(deployment.classLoader(),
                    () -> FilterChainImpl.build(deployment, type, named != null ? null : decodedPath, target.servlet()).doFilter(request, response));
        } finally {
            if (plain != null) {
                plain.restore();
            }
            if (state != null) {
                state.target(previous);
            }
        }
    }
}
