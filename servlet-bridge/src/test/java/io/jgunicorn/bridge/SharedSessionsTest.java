package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.session.SharedSessionStore;
import io.jgunicorn.bridge.session.StoredSession;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two deployments over one shared store stand for two worker processes. */
class SharedSessionsTest {

    /** A holder whose content may become unserializable after setAttribute. */
    static final class Holder implements Serializable {
        Object value;
    }

    /** Records what it hears, in a list all copies share (each worker deserializes its own copy). */
    static final class Tracker implements Serializable, jakarta.servlet.http.HttpSessionActivationListener {
        static final List<String> EVENTS = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sessionWillPassivate(jakarta.servlet.http.HttpSessionEvent se) {
            EVENTS.add("passivate " + se.getSession().getAttribute("ok"));
        }

        @Override
        public void sessionDidActivate(jakarta.servlet.http.HttpSessionEvent se) {
            EVENTS.add("activate " + se.getSession().getAttribute("ok"));
        }
    }

    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final List<WebAppDeployment> deployments = new ArrayList<>();

    private HttpApplication worker() throws Exception {
        return worker(false);
    }

    /** @param strict session_require_serializable: attributes that do not serialize are refused */
    private HttpApplication worker(boolean strict) throws Exception {
        TestApp app = TestApp.create()
                .handler("put", (req, resp) -> req.getSession().setAttribute("list", new ArrayList<>(List.of("a"))), "/put")
                .handler("add", (req, resp) -> {
                    @SuppressWarnings("unchecked") List<String> list = (List<String>) req.getSession().getAttribute("list");
                    list.add("b"); // in place, no setAttribute
                }, "/add")
                .handler("show", (req, resp) -> {
                    HttpSession s = req.getSession(false);
                    resp.getWriter().print(s == null ? "none" : s.getAttribute("list") + " " + s.getAttribute("ok"));
                }, "/show")
                .handler("bad", (req, resp) -> {
                    try {
                        req.getSession().setAttribute("x", new Object());
                        resp.getWriter().print("kept " + req.getSession().getAttribute("x").getClass().getName());
                    } catch (IllegalArgumentException e) {
                        resp.getWriter().print(e.getMessage());
                    }
                }, "/bad")
                .handler("x", (req, resp) -> resp.getWriter().print(req.getSession().getAttribute("x") != null), "/x")
                .handler("holder", (req, resp) -> {
                    Holder h = new Holder();
                    req.getSession().setAttribute("holder", h);
                    req.getSession().setAttribute("ok", "1");
                    h.value = new Object(); // too late for setAttribute to notice: the save does
                }, "/holder")
                .handler("track", (req, resp) -> {
                    req.getSession().setAttribute("tracker", new Tracker());
                    req.getSession().setAttribute("ok", "yes");
                }, "/track");
        WebAppDeployment d = ServletBridge.deploy(app.descriptor(),
                BridgeOptions.DEFAULTS.withRequireSerializable(strict).withSharedSessionStore(context -> new MapStore(sessions)));
        deployments.add(d);
        return d.start();
    }

    @AfterEach
    void stop() {
        deployments.forEach(WebAppDeployment::stop);
    }

    private static RawHttp.Response send(HttpApplication app, String target, String id) throws Exception {
        RawRequest ex = RawRequest.get(target);
        if (id != null) {
            ex.header("Cookie", "JSESSIONID=" + id);
        }
        return RawHttp.send(app, ex);
    }

    private static String sessionId(RawHttp.Response ex) {
        String cookie = ex.header("Set-Cookie");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void anotherWorkerSeesChangesIncludingOnesMadeInPlace() throws Exception {
        HttpApplication a = worker();
        HttpApplication b = worker();
        String id = sessionId(send(a, "/put", null));
        assertEquals("[a] null", send(b, "/show", id).text());
        send(b, "/add", id);
        assertEquals("[a, b] null", send(a, "/show", id).text());
    }

    @Test
    void activationListenersHearTheSessionLeaveOneWorkerAndArriveInAnother() throws Exception {
        HttpApplication a = worker();
        HttpApplication b = worker();
        Tracker.EVENTS.clear();
        String id = sessionId(send(a, "/track", null));
        assertEquals(List.of("passivate yes"), Tracker.EVENTS, "stored at the end of the request");
        assertEquals("null yes", send(b, "/show", id).text(), "the session, on the other worker");
        assertEquals(List.of("passivate yes", "activate yes", "passivate yes"), Tracker.EVENTS);
    }

    @Test
    void aValueThatDoesNotSerializeStaysInTheWorkerThatSetItByDefault() throws Exception {
        HttpApplication a = worker();
        RawHttp.Response ex = send(a, "/bad", null);
        assertEquals(200, ex.status());
        assertEquals("kept java.lang.Object", ex.text());
        String id = sessionId(ex);
        assertEquals("true", send(a, "/x", id).text(), "the same worker still has it");
        assertEquals("false", send(worker(), "/x", id).text(), "another worker does not");
    }

    @Test
    void aValueThatDoesNotSerializeIsRefusedAtSetAttributeWhenStrict() throws Exception {
        String text = send(worker(true), "/bad", null).text();
        assertTrue(text.contains("'x'") && text.contains("java.lang.Object does not implement java.io.Serializable"), text);
    }

    @Test
    void aValueThatStopsSerializingFailsTheRequestAndTheRestIsSavedWhenStrict() throws Exception {
        HttpApplication a = worker(true);
        RawHttp.Response ex = send(a, "/holder", null);
        assertEquals(500, ex.status());
        assertEquals("null 1", send(worker(), "/show", sessionId(ex)).text());
    }

    @Test
    void stoppingAWorkerLeavesTheSharedSessionsAlone() throws Exception {
        HttpApplication a = worker();
        String id = sessionId(send(a, "/put", null));
        deployments.removeFirst().stop();
        assertEquals("[a] null", send(worker(), "/show", id).text());
    }

    /** The SharedSessionStore contract over a map, atomically per call. */
    static final class MapStore implements SharedSessionStore {
        private final Map<String, StoredSession> map;

        MapStore(Map<String, StoredSession> map) {
            this.map = map;
        }

        @Override public StoredSession load(String id) { return map.get(id); }
        @Override public void insert(StoredSession s) { map.put(s.meta().id(), s); }

        @Override
        public boolean update(StoredSession.Meta meta, Map<String, byte[]> changed, Set<String> removed) {
            return map.computeIfPresent(meta.id(), (id, old) -> {
                Map<String, byte[]> attributes = new HashMap<>(old.attributes());
                attributes.putAll(changed);
                attributes.keySet().removeAll(removed);
                return new StoredSession(meta, attributes);
            }) != null;
        }

        @Override public boolean delete(String id) { return map.remove(id) != null; }

        @Override
        public boolean deleteIfExpired(String id, long now) {
            StoredSession s = map.get(id);
            return s != null && s.meta().expiresAt() < now && map.remove(id, s);
        }

        @Override
        public boolean rename(String oldId, String newId) {
            StoredSession s = map.remove(oldId);
            if (s == null) {
                return false;
            }
            StoredSession.Meta m = s.meta();
            map.put(newId, new StoredSession(new StoredSession.Meta(newId, m.creationTime(), m.lastAccessedTime(),
                    m.thisAccessedTime(), m.maxInactiveSeconds(), m.isNew(), m.expiresAt()), s.attributes()));
            return true;
        }

        @Override
        public List<String> expiredIds(long now, int limit) {
            return map.values().stream().filter(s -> s.meta().expiresAt() < now).map(s -> s.meta().id()).limit(limit).toList();
        }

        @Override public void close() {}
    }
}
