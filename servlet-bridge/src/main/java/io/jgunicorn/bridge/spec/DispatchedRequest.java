package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.ServletMatch;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request as a dispatched-to servlet sees it: wraps whatever request the application passed to
 * the dispatcher, overriding the dispatcher type, the paths (except for include), parameters from the
 * dispatch query, and the {@code jakarta.servlet.forward/include/error/async.*} attributes.
 * The servlet context is the dispatcher's: in a cross-context dispatch it is the target application's,
 * with its context path (except for include), its relative dispatchers and its own sessions.
 */
public final class DispatchedRequest extends HttpServletRequestWrapper {

    private final DispatcherType type;
    private final Deployment deployment;
    private final ServletMatch target;
    private final String requestURI;
    private final String queryString;
    private final boolean overridePaths;
    private final Map<String, Object> overlay;
    private Parameters parameters;

    private DispatchedRequest(HttpServletRequest request, DispatcherType type, Deployment deployment, ServletMatch target,
                              String requestURI, String queryString, boolean overridePaths, Map<String, Object> overlay) {
        super(request);
        this.type = type;
        this.deployment = deployment;
        this.target = target;
        this.requestURI = requestURI;
        this.queryString = queryString;
        this.overridePaths = overridePaths;
        this.overlay = new LinkedHashMap<>(overlay);
        this.overlay.values().removeIf(java.util.Objects::isNull);
    }

    /** FORWARD, ERROR and ASYNC dispatches: the request takes the target's paths. */
    public static DispatchedRequest retargeted(HttpServletRequest request, DispatcherType type, Deployment deployment,
                                               ServletMatch target, String requestURI, String query, Map<String, Object> attributes) {
        return new DispatchedRequest(request, type, deployment, target, requestURI, query, true, attributes);
    }

    /** INCLUDE: paths stay those of the including request; the target shows in include.* attributes. */
    public static DispatchedRequest include(HttpServletRequest request, Deployment deployment, String query,
                                            Map<String, Object> attributes) {
        return new DispatchedRequest(request, DispatcherType.INCLUDE, deployment, null, null, query, false, attributes);
    }

    /** A named dispatch changes nothing but the dispatcher type (and the context, when it crosses into another). */
    public static DispatchedRequest named(HttpServletRequest request, DispatcherType type, Deployment deployment) {
        return new DispatchedRequest(request, type, deployment, null, null, null, false, Map.of());
    }

    @Override public DispatcherType getDispatcherType() { return type; }
    @Override public ServletContext getServletContext() { return deployment.servletContext(); }
    @Override public String getContextPath() { return overridePaths ? deployment.contextPath() : super.getContextPath(); }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return RequestDispatcherImpl.relative(deployment, this, path);
    }

    // --- sessions: the dispatch's context's own ---------------------------------------------------

    /** True when this dispatch entered another application than the one of the request it wraps. */
    private boolean crossesContext() {
        return getRequest().getServletContext() != deployment.servletContext();
    }

    @Override
    public HttpSession getSession(boolean create) {
        ExchangeState state = crossesContext() ? Unwrap.state(this) : null;
        return state == null ? super.getSession(create) : state.sessions().in(deployment, create);
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    /** In another application: whether the requested id names a valid session of that application (as Tomcat). */
    @Override
    public boolean isRequestedSessionIdValid() {
        ExchangeState state = crossesContext() ? Unwrap.state(this) : null;
        return state == null ? super.isRequestedSessionIdValid() : state.sessions().requestedIdValidIn(deployment);
    }
    @Override public String getRequestURI() { return overridePaths ? requestURI : super.getRequestURI(); }
    @Override public String getServletPath() { return overridePaths ? target.servletPath() : super.getServletPath(); }
    @Override public String getPathInfo() { return overridePaths ? target.pathInfo() : super.getPathInfo(); }
    @Override public HttpServletMapping getHttpServletMapping() { return overridePaths ? target.mapping() : super.getHttpServletMapping(); }

    @Override
    public String getQueryString() {
        return overridePaths && queryString != null ? queryString : super.getQueryString();
    }

    @Override
    public StringBuffer getRequestURL() {
        if (!overridePaths) {
            return super.getRequestURL();
        }
        StringBuffer url = super.getRequestURL();
        String original = super.getRequestURI();
        url.setLength(url.length() - original.length());
        return url.append(requestURI);
    }

    @Override
    public String getPathTranslated() {
        String info = getPathInfo();
        return info == null ? null : getServletContext().getRealPath(info);
    }

    // --- attributes: the dispatch's own on top of the request's -------------------------------------

    @Override
    public Object getAttribute(String name) {
        return overlay.containsKey(name) ? overlay.get(name) : super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
        names.addAll(overlay.keySet());
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (overlay.containsKey(name)) {
            if (value == null) {
                overlay.remove(name);
            } else {
                overlay.put(name, value);
            }
            return;
        }
        super.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        if (overlay.remove(name) == null) {
            super.removeAttribute(name);
        }
    }

    // --- parameters: the dispatch query's first, then the request's ------------------------------

    private Parameters parameters() {
        if (parameters == null) {
            parameters = Parameters.merge(queryString, super.getParameterMap());
        }
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        return queryString == null ? super.getParameter(name) : parameters().first(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return queryString == null ? super.getParameterValues(name) : parameters().values(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return queryString == null ? super.getParameterMap() : parameters().asMap();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        if (queryString == null) {
            return super.getParameterNames();
        }
        List<String> names = new ArrayList<>(parameters().names());
        return Collections.enumeration(names);
    }
}
