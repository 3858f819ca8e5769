package io.jgunicorn.bridge.session;

import io.jgunicorn.bridge.deployment.SessionConfigDef;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.CookieCache;
import org.eclipse.jetty.http.CookieCompliance;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;

/**
 * Sessions of one context: ids, lookup with expiry, creation, invalidation, id change, and the
 * session and attribute listener events. Expired sessions are swept lazily (at most once a minute,
 * on a request) so the bridge starts no thread of its own.
 */
public final class SessionManager {

    private static final long SWEEP_INTERVAL_MILLIS = 60_000;

    private final ServletContext context;
    private final SessionEvents events;
    private final SessionStore store;
    private final SessionCookieConfigImpl cookieConfig;
    private final SecureRandom random = new SecureRandom();
    private Set<SessionTrackingMode> trackingModes;
    private int timeoutMinutes;
    private volatile java.util.function.LongSupplier clock = System::currentTimeMillis;
    private volatile long lastSweep = System.currentTimeMillis();

    /**
     * @param context      the application's context (what {@code HttpSession.getServletContext} returns)
     * @param events       the application's session listeners
     * @param configurable true while the context initializes: the cookie config may change only then
     */
    public SessionManager(ServletContext context, SessionConfigDef config, SessionStore store, SessionEvents events,
                          java.util.function.BooleanSupplier configurable) {
        this.context = context;
        this.events = events;
        this.store = store;
        this.cookieConfig = new SessionCookieConfigImpl(configurable, config.cookieName(), config.cookieAttributes());
        this.timeoutMinutes = config.timeoutMinutes();
        this.trackingModes = config.trackingModes().isEmpty() ? defaultTrackingModes() : modes(config.trackingModes());
    }

    private static Set<SessionTrackingMode> modes(Set<String> names) {
        EnumSet<SessionTrackingMode> modes = EnumSet.noneOf(SessionTrackingMode.class);
        names.forEach(n -> modes.add(SessionTrackingMode.valueOf(n.toUpperCase(Locale.ROOT))));
        return modes;
    }

    ServletContext context() { return context; }

    /** The time source for expiry; tests move it forward instead of sleeping. */
    public void clock(java.util.function.LongSupplier value) { clock = value; }
    long now() { return clock.getAsLong(); }
    public SessionCookieConfigImpl cookieConfig() { return cookieConfig; }
    public int timeoutMinutes() { return timeoutMinutes; }
    public void timeoutMinutes(int value) { timeoutMinutes = value; }
    public Set<SessionTrackingMode> defaultTrackingModes() { return EnumSet.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL); }
    public Set<SessionTrackingMode> trackingModes() { return trackingModes; }
    public String pathParameterName() { return "jsessionid"; }

    public void trackingModes(Set<SessionTrackingMode> modes) {
        if (modes.contains(SessionTrackingMode.SSL)) {
            throw new IllegalArgumentException("SSL session tracking is not supported");
        }
        trackingModes = modes.isEmpty() ? EnumSet.noneOf(SessionTrackingMode.class) : EnumSet.copyOf(modes);
    }

    /** Of several session cookies, the one naming a live session wins (paths may overlap). */
    public String pickCookieSessionId(HttpFields fields) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (HttpCookie cookie : new CookieCache(CookieCompliance.RFC6265).getCookies(fields)) {
            if (cookie.getName().equals(cookieConfig.getName())) {
                ids.add(cookie.getValue());
            }
        }
        if (ids.size() > 1) { // only then is a store look-up worth its cost
            for (String id : ids) {
                if (store.get(id) != null) {
                    return id;
                }
            }
        }
        return ids.isEmpty() ? null : ids.getFirst();
    }

    public HttpSessionImpl find(String id) {
        sweepIfDue();
        SessionData data = store.get(id);
        if (data == null || !data.valid()) {
            return null;
        }
        if (data.expired(now())) {
            expire(data);
            return null;
        }
        HttpSessionImpl session = new HttpSessionImpl(this, data);
        if (store.passivates()) {
            activation(session, true);
        }
        return session;
    }

    /** {@code sessionDidActivate} (back from the store) or {@code sessionWillPassivate} (about to go to it). */
    private void activation(HttpSessionImpl session, boolean activate) {
        List<HttpSessionActivationListener> listeners = session.data().attributes().values().stream()
                .filter(HttpSessionActivationListener.class::isInstance).map(HttpSessionActivationListener.class::cast).toList();
        if (!listeners.isEmpty()) {
            HttpSessionEvent event = new HttpSessionEvent(session);
            events.inApplication(() -> listeners.forEach(
                    l -> { if (activate) { l.sessionDidActivate(event); } else { l.sessionWillPassivate(event); } }));
        }
    }

    /** Destroys an expired session, unless another worker already did or it was used meanwhile. */
    private void expire(SessionData data) {
        if (store.removeExpired(data, now())) {
            destroy(new HttpSessionImpl(this, data));
        }
    }

    public HttpSessionImpl create() {
        return create(newId());
    }

    /** A session with a given id: another application's, for a cross-context dispatch (ids stay unguessable). */
    public HttpSessionImpl create(String id) {
        SessionData data = new SessionData(id, now(), timeoutMinutes * 60);
        store.save(data);
        HttpSessionImpl session = new HttpSessionImpl(this, data);
        HttpSessionEvent event = new HttpSessionEvent(session);
        events.sessionCreated(event);
        return session;
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    public void changeId(HttpSessionImpl session) {
        SessionData data = session.data();
        String oldId = data.id();
        if (!store.changeId(data, newId())) {
            data.invalidate(); // another request invalidated it meanwhile
            throw new IllegalStateException("session " + oldId + " has been invalidated");
        }
        HttpSessionEvent event = new HttpSessionEvent(session);
        events.sessionIdChanged(event, oldId);
    }

    /**
     * Stores the session when a request that used it completes (a shared store needs this; memory
     * does not care). The bridge calls it before the response's last bytes leave, so the client's
     * next request sees the change whichever worker takes it.
     *
     * @throws IllegalStateException naming attributes that could not be serialized (the rest is saved)
     */
    public void save(HttpSessionImpl session) {
        if (session.isValid()) {
            if (store.passivates()) {
                activation(session, false);
            }
            store.save(session.data());
        }
    }

    /**
     * Removes the session from the store first: of several workers invalidating or expiring one
     * session, only the one whose removal succeeded fires {@code sessionDestroyed}.
     */
    void invalidate(HttpSessionImpl session) {
        if (store.remove(session.data().id())) {
            destroy(session);
        } else {
            session.data().invalidate();
        }
    }

    private void destroy(HttpSessionImpl session) {
        SessionData data = session.data();
        HttpSessionEvent event = new HttpSessionEvent(session);
        events.sessionDestroyed(event);
        for (String name : data.attributes().keySet().toArray(String[]::new)) {
            removeAttribute(session, name);
        }
        data.invalidate();
    }

    /** At undeploy: ends this worker's in-memory sessions; sessions of a shared store outlive the worker. */
    public void invalidateAll() {
        for (SessionData data : store.all()) {
            if (data.valid()) {
                invalidate(new HttpSessionImpl(this, data));
            }
        }
        store.close();
    }

    private void sweepIfDue() {
        long now = now();
        if (now - lastSweep < SWEEP_INTERVAL_MILLIS) {
            return;
        }
        lastSweep = now;
        for (SessionData data : store.expired(now)) {
            expire(data);
        }
    }

    void setAttribute(HttpSessionImpl session, String name, Object value) {
        if (value == null) {
            removeAttribute(session, name);
            return;
        }
        store.checkAttribute(name, value);
        HttpSessionBindingEvent bound = new HttpSessionBindingEvent(session, name, value);
        if (value instanceof HttpSessionBindingListener listener) {
            listener.valueBound(bound);
        }
        Object old = session.data().attributes().put(name, value);
        if (old != null && old != value && old instanceof HttpSessionBindingListener listener) {
            listener.valueUnbound(new HttpSessionBindingEvent(session, name, old));
        }
        if (old == null) {
            events.attributeAdded(bound);
        } else {
            HttpSessionBindingEvent replaced = new HttpSessionBindingEvent(session, name, old);
            events.attributeReplaced(replaced);
        }
    }

    void removeAttribute(HttpSessionImpl session, String name) {
        Object old = session.data().attributes().remove(name);
        if (old == null) {
            return;
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, old);
        if (old instanceof HttpSessionBindingListener listener) {
            listener.valueUnbound(event);
        }
        events.attributeRemoved(event);
    }

    /** The session cookie as the cookie config describes it; Secure also on secure requests. */
    public Cookie cookieFor(HttpSessionImpl session, boolean secureRequest) {
        Cookie cookie = new Cookie(cookieConfig.getName(), session.getId());
        String path = cookieConfig.getPath();
        cookie.setPath(path != null ? path : context.getContextPath().isEmpty() ? "/" : context.getContextPath());
        cookieConfig.getAttributes().forEach((key, value) -> {
            if (!key.equalsIgnoreCase("Path")) {
                cookie.setAttribute(key, value);
            }
        });
        if (secureRequest) {
            cookie.setSecure(true);
        }
        return cookie;
    }
}
