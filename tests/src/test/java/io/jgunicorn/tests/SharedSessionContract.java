package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every shared session store must do, against the real server with four worker processes
 * and the hello WAR's {@code /session/*} flow. Subclasses name the store (and start its server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedSessionContract {

    static final int WORKERS = 4;

    private Jgunicorn server;
    private Path events;

    /** Starts the store's server if it has one; returns the {@code --session-store} value. */
    abstract String startStore() throws Exception;

    abstract void stopStore() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        String store = startStore();
        events = Files.createTempFile("jgunicorn-session-events-", ".log");
        server = Jgunicorn.start(Map.of("HELLO_SESSION_LOG", events.toString()),
                Jgunicorn.exampleWar("hello").toString(), "-w", String.valueOf(WORKERS), "--session-store", store);
        Jgunicorn.await(WORKERS + " workers", Duration.ofSeconds(60), () -> server.workerPids().size() == WORKERS);
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            stopStore();
        }
    }

    private Http.Response get(String target, String sessionId) throws IOException {
        String cookie = sessionId == null ? "" : "Cookie: JSESSIONID=" + sessionId + "\r\n";
        return Http.exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie
                + "Connection: close\r\n\r\n");
    }

    /** Logs in; returns the session id of the last Set-Cookie (the id after changeSessionId). */
    private String login(String user) throws IOException {
        Http.Response r = get("/session/login?user=" + user, null);
        assertEquals(200, r.status(), r.text());
        assertEquals("user=" + user + " items= count=null", r.text().strip());
        String cookie = r.header("set-cookie");
        assertNotNull(cookie, "login sets the session cookie");
        return cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
    }

    private long destroyed(String id) throws IOException {
        return Files.readAllLines(events).stream().filter(l -> l.startsWith("destroyed " + id + " ")).count();
    }

    @Test
    void aLoginFlowKeepsItsSessionOnEveryWorker() throws Exception {
        String id = login("ann");
        Set<String> servedBy = new HashSet<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 400 && (servedBy.size() < WORKERS || i < 20); i++) {
            items.add("i" + i);
            Http.Response r = get("/session/add?item=i" + i, id);
            assertEquals(200, r.status(), r.text());
            assertEquals("user=ann items=" + String.join(",", items) + " count=" + items.size(), r.text().strip(),
                    "request " + i + " on worker " + r.header("x-worker-pid"));
            servedBy.add(r.header("x-worker-pid"));
        }
        assertEquals(WORKERS, servedBy.size(), "every worker served the session: " + servedBy);
    }

    @Test
    void killingWorkersLosesNoCommittedSessionData() throws Exception {
        Jgunicorn.await(WORKERS + " workers", Duration.ofSeconds(60), () -> server.workerPids().size() == WORKERS);
        String id = login("bob");
        List<String> items = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Http.Response r = get("/session/add?item=k" + round, id);
            assertEquals(200, r.status(), r.text());
            items.add("k" + round);
            assertEquals("user=bob items=" + String.join(",", items) + " count=" + items.size(), r.text().strip());
            Jgunicorn.kill(Long.parseLong(r.header("x-worker-pid")), "KILL"); // right after it answered
        }
        Http.Response r = get("/session/show", id); // on a surviving worker or a replacement
        assertEquals("user=bob items=" + String.join(",", items) + " count=" + items.size(), r.text().strip());
    }

    @Test
    void anExpiredSessionIsDestroyedExactlyOnceAcrossWorkers() throws Exception {
        String id = login("cy");
        assertEquals(200, get("/session/timeout?s=1", id).status());
        long start = System.nanoTime();
        Jgunicorn.await("the session's one-second timeout to pass", Duration.ofSeconds(10),
                () -> System.nanoTime() - start > Duration.ofMillis(1500).toNanos());
        List<String> answers = concurrently(16, () -> get("/session/show", id).text().strip());
        answers.forEach(a -> assertEquals("no session", a));
        assertEquals(1, destroyed(id), "sessionDestroyed ran once, by one of the workers");
    }

    @Test
    void invalidationByConcurrentRequestsDestroysTheSessionOnce() throws Exception {
        String id = login("dee");
        concurrently(12, () -> get("/session/logout", id).status()).forEach(s -> assertEquals(200, s));
        assertEquals("no session", get("/session/show", id).text().strip());
        assertEquals(1, destroyed(id), "sessionDestroyed ran once");
    }

    @Test
    void loginChangesTheSessionId() throws Exception {
        Http.Response r = get("/session/login?user=eve", null);
        String first = r.headers().get("set-cookie");
        Http.Response show = get("/session/show", first.substring("JSESSIONID=".length(), first.indexOf(';')));
        assertEquals("user=eve items= count=null", show.text().strip(), "the last cookie holds the session");
        // the id the session was created with is gone: the raw response carried two cookies
        String raw = rawLogin("eve");
        List<String> ids = Pattern.compile("Set-Cookie: JSESSIONID=(\\w+)").matcher(raw).results().map(m -> m.group(1)).toList();
        assertEquals(2, ids.size(), raw);
        assertNotEquals(ids.get(0), ids.get(1));
        assertEquals("no session", get("/session/show", ids.get(0)).text().strip());
        assertEquals("user=eve items= count=null", get("/session/show", ids.get(1)).text().strip());
    }

    private String rawLogin(String user) throws IOException {
        try (var s = Http.connect(server.port())) {
            s.getOutputStream().write(("GET /session/login?user=" + user + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aValueThatCannotBeSerializedStaysInTheWorkersMemoryWithAWarningAndTheSessionSurvives() throws Exception {
        String id = login("fay");
        assertEquals(200, get("/session/bad", id).status()); // as Tomcat; session_require_serializable refuses it
        server.awaitLine(Pattern.compile("Session attribute 'bad' \\(java.lang.Object\\) is not serializable.*other workers will not see it"),
                Duration.ofSeconds(30));
        assertEquals("user=fay items= count=null", get("/session/show", id).text().strip());
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call::call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            assertTrue(results.size() == n);
            return results;
        }
    }
}
