package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.session.HttpSessionImpl;
import io.jgunicorn.bridge.session.SessionManager;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session side of one request: the id the client sent (cookie or URL), the session it found or
 * created, the sessions of other applications it was dispatched into, the session cookie and URL
 * rewriting. The request façade delegates its session methods here; the handlers save what it holds
 * when the request ends.
 */
public final class RequestSessions {

    private final ExchangeState state;
    private final SessionManager sessions;
    private String requestedId;
    private boolean idFromCookie;
    private boolean idFromUrl;
    private HttpSessionImpl session;
    // sessions of other applications this request was dispatched into (cross-context), by application
    private final Map<Deployment, HttpSessionImpl> others = new LinkedHashMap<>(0);

    RequestSessions(ExchangeState state, String urlSessionId) {
        this.state = state;
        this.sessions = state.deployment().sessions();
        if (sessions.trackingModes().contains(SessionTrackingMode.COOKIE)) {
            String fromCookie = sessions.pickCookieSessionId(state.exchange().requestHeaders());
            if (fromCookie != null) {
                requestedId = fromCookie;
                idFromCookie = true;
                return;
            }
        }
        if (urlSessionId != null && sessions.trackingModes().contains(SessionTrackingMode.URL)) {
            requestedId = urlSessionId;
            idFromUrl = true;
        }
    }

    String requestedId() { return requestedId; }
    boolean idFromCookie() { return idFromCookie; }
    boolean idFromUrl() { return idFromUrl; }

    /** The session this request used, to save it back to the store at the end. */
    public HttpSessionImpl inUse() { return session; }

    /** Sessions of other applications used in cross-context dispatches, saved with this request's own. */
    public Map<Deployment, HttpSessionImpl> othersInUse() { return others; }

    /**
     * A request that carries a session id accesses that session whether or not the application asks
     * for it (Servlet 6.1 section 7.6: "when a request that is part of the session is first handled by
     * the servlet container"): a static file keeps it alive and moves {@code getLastAccessedTime}.
     */
    public void accessRequested() {
        if (requestedId != null) {
            get(false);
        }
    }

    HttpSession get(boolean create) {
        if (session != null && session.isValid()) {
            return session;
        }
        session = null;
        if (requestedId != null) {
            HttpSessionImpl found = sessions.find(requestedId);
            if (found != null) {
                found.access();
                session = found;
                return found;
            }
        }
        if (!create) {
            return null;
        }
        if (state.isCommitted() && sessions.trackingModes().contains(SessionTrackingMode.COOKIE)) {
            throw new IllegalStateException("cannot create a session after the response has been committed");
        }
        session = sessions.create();
        reAddCookie();
        return session;
    }

    /**
     * The session of another application this request was dispatched into (cross-context). As in
     * Tomcat it has the id of this application's session, created here first if need be: this
     * application's cookie is the one the client sends back, so the other session is found again on
     * the next dispatch. Its attributes, listeners and store are the other application's own.
     */
    HttpSession in(Deployment other, boolean create) {
        if (other == state.deployment()) {
            return get(create);
        }
        HttpSessionImpl theirs = others.get(other);
        if (theirs != null && theirs.isValid()) {
            return theirs;
        }
        HttpSession own = get(create);
        theirs = own == null ? null : other.sessions().find(own.getId());
        if (theirs != null) {
            theirs.access();
        } else if (own != null && create) {
            theirs = other.sessions().create(own.getId());
        }
        if (theirs != null) {
            others.put(other, theirs);
        }
        return theirs;
    }

    /** Sets the session cookie for a session created (or re-identified) during this request. */
    void reAddCookie() {
        if (session != null && session.isValid() && sessions.trackingModes().contains(SessionTrackingMode.COOKIE)
                && (session.isNew() || !session.getId().equals(requestedId))) {
            state.response().addSessionCookie(sessions.cookieFor(session, state.request().isSecure()));
        }
    }

    String changeId() {
        if (session == null || !session.isValid()) {
            throw new IllegalStateException("no session");
        }
        sessions.changeId(session);
        reAddCookie();
        return session.getId();
    }

    /** {@code encodeURL}: the session id as a path parameter, when URL tracking applies to this URL. */
    String encode(String url) {
        if (url == null || session == null || !session.isValid() || idFromCookie
                || !sessions.trackingModes().contains(SessionTrackingMode.URL) || hasForeignScheme(url)) {
            return url;
        }
        int end = url.length();
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        String parameter = ";" + sessions.pathParameterName() + "=" + session.getId();
        return url.substring(0, end) + parameter + url.substring(end);
    }

    /** Absolute URLs that point elsewhere must not carry the session id. */
    private boolean hasForeignScheme(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String prefix = state.request().getScheme() + "://" + state.request().getServerName();
        return !url.startsWith(prefix);
    }

    /** isRequestedSessionIdValid in a cross-context dispatch: the other application's session under the requested id. */
    boolean requestedIdValidIn(Deployment other) {
        if (other == state.deployment()) {
            return requestedIdValid();
        }
        if (requestedId == null) {
            return false;
        }
        HttpSessionImpl theirs = others.get(other);
        HttpSessionImpl found = theirs != null && theirs.getId().equals(requestedId) ? theirs : other.sessions().find(requestedId);
        return found != null && found.isValid();
    }

    boolean requestedIdValid() {
        if (requestedId == null) {
            return false;
        }
        HttpSessionImpl found = session != null ? session : sessions.find(requestedId);
        return found != null && found.isValid() && found.getId().equals(requestedId);
    }
}
