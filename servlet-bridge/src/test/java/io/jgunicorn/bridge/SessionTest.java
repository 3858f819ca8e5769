package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.SessionConfigDef;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    public static class Listener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
        @Override public void sessionCreated(HttpSessionEvent se) { Probe.record("created"); }
        @Override public void sessionDestroyed(HttpSessionEvent se) { Probe.record("destroyed " + se.getSession().getAttribute("n")); }
        @Override public void attributeAdded(HttpSessionBindingEvent e) { Probe.record("added " + e.getName()); }
        @Override public void attributeRemoved(HttpSessionBindingEvent e) { Probe.record("removed " + e.getName()); }
        @Override public void sessionIdChanged(HttpSessionEvent e, String oldId) { Probe.record("id changed"); }
    }

    record Bound(String name) implements HttpSessionBindingListener {
        @Override public void valueBound(HttpSessionBindingEvent e) { Probe.record("bound " + name); }
        @Override public void valueUnbound(HttpSessionBindingEvent e) { Probe.record("unbound " + name); }
    }

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        Probe.clear();
        app = TestApp.create().contextPath("/app").listener(Listener.class)
                .handler("count", (req, resp) -> {
                    HttpSession session = req.getSession();
                    Integer n = (Integer) session.getAttribute("n");
                    session.setAttribute("n", n == null ? 1 : n + 1);
                    resp.getWriter().print(session.getAttribute("n") + " " + session.isNew() + " " + req.isRequestedSessionIdFromCookie()
                            + " " + req.isRequestedSessionIdFromURL() + " " + resp.encodeURL("/app/count?x=1"));
                }, "/count")
                .handler("peek", (req, resp) -> resp.getWriter().print(req.getSession(false) + " " + req.isRequestedSessionIdValid()), "/peek")
                .handler("times", (req, resp) -> {
                    HttpSession session = req.getSession(false);
                    resp.getWriter().print(session == null ? "none" : session.getCreationTime() + " " + session.getLastAccessedTime());
                }, "/times")
                .handler("untouched", (req, resp) -> resp.getWriter().print("no session asked for"), "/untouched")
                .handler("bind", (req, resp) -> req.getSession().setAttribute("b", new Bound("x")), "/bind")
                .handler("invalidate", (req, resp) -> req.getSession().invalidate(), "/invalidate")
                .handler("change", (req, resp) -> {
                    String old = req.getSession().getId();
                    resp.getWriter().print(old.equals(req.changeSessionId()));
                }, "/change")
                .handler("late", (req, resp) -> {
                    resp.getWriter().print("x");
                    resp.flushBuffer();
                    try {
                        req.getSession();
                    } catch (IllegalStateException e) {
                        resp.getWriter().print(" refused");
                    }
                }, "/late")
                .start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static String sessionId(RawHttp.Response ex) {
        String cookie = ex.header("Set-Cookie");
        assertNotNull(cookie, ex::toString);
        return cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
    }

    @Test
    void cookieTracksTheSessionAcrossRequests() throws Exception {
        RawHttp.Response first = app.get("/app/count");
        assertEquals("1 true false false /app/count;jsessionid=" + sessionId(first) + "?x=1", first.text());
        String cookie = first.header("Set-Cookie");
        assertTrue(cookie.contains("; Path=/app") && cookie.contains("HttpOnly"), cookie);
        RawHttp.Response second = app.send(RawRequest.get("/app/count").header("Cookie", "JSESSIONID=" + sessionId(first)));
        assertEquals("2 false true false /app/count?x=1", second.text());
        assertEquals(null, second.header("Set-Cookie"));
        assertEquals(List.of("created", "added n"), Probe.events());
    }

    @Test
    void urlRewritingTracksTheSessionWithoutCookies() throws Exception {
        String id = sessionId(app.get("/app/count"));
        RawHttp.Response second = app.get("/app/count;jsessionid=" + id);
        assertEquals("2 false false true /app/count;jsessionid=" + id + "?x=1", second.text());
    }

    @Test
    void unknownSessionIdIsNotValidAndCreatesNoSession() throws Exception {
        assertEquals("null false", app.send(RawRequest.get("/app/peek").header("Cookie", "JSESSIONID=nope")).text());
    }

    @Test
    void invalidateFiresListenersAndUnbindsValues() throws Exception {
        String id = sessionId(app.get("/app/bind"));
        app.send(RawRequest.get("/app/count").header("Cookie", "JSESSIONID=" + id));
        app.send(RawRequest.get("/app/invalidate").header("Cookie", "JSESSIONID=" + id));
        assertEquals(List.of("created", "bound x", "added b", "added n", "destroyed 1", "unbound x", "removed b", "removed n"), Probe.events());
        assertEquals("null false", app.send(RawRequest.get("/app/peek").header("Cookie", "JSESSIONID=" + id)).text());
    }

    @Test
    void changeSessionIdKeepsTheSessionUnderANewId() throws Exception {
        String id = sessionId(app.get("/app/count"));
        RawHttp.Response change = app.send(RawRequest.get("/app/change").header("Cookie", "JSESSIONID=" + id));
        assertEquals("false", change.text());
        String newId = sessionId(change);
        assertNotEquals(id, newId);
        assertEquals("2 false true false /app/count?x=1", app.send(RawRequest.get("/app/count").header("Cookie", "JSESSIONID=" + newId)).text());
        assertTrue(Probe.events().contains("id changed"));
    }

    @Test
    void sessionsExpireAfterTheirTimeout() throws Exception {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        ((BridgeDeployment) app.deployment()).deployment().sessions().clock(now::get);
        String id = sessionId(app.get("/app/count"));
        now.addAndGet(29 * 60_000L);
        assertEquals("2 false true false /app/count?x=1", app.send(RawRequest.get("/app/count").header("Cookie", "JSESSIONID=" + id)).text());
        now.addAndGet(31 * 60_000L);
        assertEquals("null false", app.send(RawRequest.get("/app/peek").header("Cookie", "JSESSIONID=" + id)).text());
        assertTrue(Probe.events().contains("destroyed 2"), Probe.events()::toString);
    }

    /** Servlet 6.1 section 7.6: a request that carries the session id accesses the session, asked for or not. */
    @Test
    void aRequestWithTheSessionIdAccessesTheSessionEvenIfTheApplicationDoesNotAskForIt() throws Exception {
        long t0 = System.currentTimeMillis();
        AtomicLong now = new AtomicLong(t0);
        ((BridgeDeployment) app.deployment()).deployment().sessions().clock(now::get);
        String cookie = "JSESSIONID=" + sessionId(app.get("/app/count"));
        now.set(t0 + 1000);
        assertEquals("no session asked for", app.send(RawRequest.get("/app/untouched").header("Cookie", cookie)).text());
        now.set(t0 + 2000);
        assertEquals(t0 + " " + (t0 + 1000), app.send(RawRequest.get("/app/times").header("Cookie", cookie)).text());
        // requests for pages that never use the session keep it alive past its 30 minutes
        now.addAndGet(29 * 60_000L);
        app.send(RawRequest.get("/app/untouched").header("Cookie", cookie));
        now.addAndGet(29 * 60_000L);
        assertTrue(app.send(RawRequest.get("/app/times").header("Cookie", cookie)).text().startsWith(t0 + " "));
    }

    @Test
    void creatingASessionAfterCommitIsRefused() throws Exception {
        assertEquals("x refused", app.get("/app/late").text());
    }

    @Test
    void cookieConfigFromTheDescriptor() throws Exception {
        SessionConfigDef config = new SessionConfigDef(10, "SID", Map.of("secure", "true", "SameSite", "Strict", "path", "/"), Set.of("COOKIE"));
        try (TestApp custom = TestApp.create().contextPath("/c").sessionConfig(config)
                .handler("s", (req, resp) -> resp.getWriter().print(req.getSession().getMaxInactiveInterval() + " " + resp.encodeURL("/x")), "/s").start()) {
            RawHttp.Response ex = custom.get("/c/s");
            String cookie = ex.header("Set-Cookie");
            assertTrue(cookie.startsWith("SID="), cookie);
            assertTrue(cookie.contains("; Path=/;") || cookie.contains("; Path=/"), cookie);
            assertTrue(cookie.contains("SameSite=Strict") && cookie.contains("; Secure"), cookie);
            assertEquals("600 /x", ex.text());
        }
    }

    @Test
    void aPluggedInStoreHoldsTheSessionsAndIsSavedAfterEachRequest() throws Exception {
        java.util.Map<String, io.jgunicorn.bridge.session.SessionData> held = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        io.jgunicorn.bridge.session.SessionStore store = new io.jgunicorn.bridge.session.SessionStore() {
            @Override public io.jgunicorn.bridge.session.SessionData get(String id) { return held.get(id); }
            @Override public void save(io.jgunicorn.bridge.session.SessionData data) { saves.incrementAndGet(); held.put(data.id(), data); }
            @Override public boolean remove(String id) { return held.remove(id) != null; }
            @Override public java.util.Collection<io.jgunicorn.bridge.session.SessionData> all() { return held.values(); }
        };
        var app = io.jgunicorn.bridge.ServletBridge.deploy(TestApp.create().handler("s", (req, resp) -> req.getSession().setAttribute("a", "b"), "/s").descriptor(),
                io.jgunicorn.bridge.BridgeOptions.DEFAULTS.withSessionStore(() -> store));
        var application = app.start();
        RawRequest ex = RawRequest.get("/s");
        RawHttp.send(application, ex);
        assertEquals(1, held.size());
        assertEquals("b", held.values().iterator().next().attributes().get("a"));
        assertEquals(2, saves.get(), "saved when created and when the request ended");
        app.stop();
        assertEquals(0, held.size(), "sessions are invalidated when the application stops");
    }
}
