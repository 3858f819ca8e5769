package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One request travels the real path: CLI → arbiter → worker JVM → HTTP → bridge → servlet in a WAR. */
class ServeWarTest {

    private static final Pattern BOOTING = Pattern.compile("Booting worker with pid: (\\d+)");

    @Test
    void helloWarAnswersFromAWorkerThatIsAChildOfTheArbiter() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--war", Jgunicorn.exampleWar("hello").toString())) {
            Http.Response r = Http.get(j.port(), "/");
            assertEquals(200, r.status(), r.text());
            assertTrue(r.text().startsWith("Hello from jgunicorn!"), r.text());
            assertTrue(r.text().contains("listener: ran"), r.text());
            assertTrue(r.text().contains("filter: ran"), r.text());
            assertEquals("ran", r.header("X-Hello-Filter"));
            long worker = Long.parseLong(r.header("X-Worker-Pid"));
            assertNotEquals(j.pid(), worker, "served by a worker, not the arbiter");
            assertEquals(j.pid(), ProcessHandle.of(worker).orElseThrow().parent().orElseThrow().pid());
            assertTrue(j.output().contains("Booting worker with pid: " + worker), j.output());
            assertTrue(j.output().contains("Using worker: sync"), j.output());
        }
    }

    @Test
    void positionalWarAndSleepServlet() throws Exception {
        try (Jgunicorn j = Jgunicorn.start(Jgunicorn.exampleWar("hello").toString())) {
            Http.Response r = Http.get(j.port(), "/sleep?ms=20");
            assertEquals(200, r.status());
            assertEquals("slept 20 ms", r.text().trim());
            assertEquals(400, Http.get(j.port(), "/sleep?ms=abc").status());
            assertEquals(404, Http.get(j.port(), "/no/such/page").status());
        }
    }

    @Test
    void contextPathMountsTheAppElsewhere() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--context-path", "/x", Jgunicorn.exampleWar("hello").toString())) {
            assertEquals(200, Http.get(j.port(), "/x/").status());
            assertEquals(200, Http.get(j.port(), "/x/sleep?ms=1").status());
            assertEquals(404, Http.get(j.port(), "/sleep?ms=1").status());
        }
    }

    @Test
    void withNoAppTheBundledHelloIsServed() throws Exception {
        try (Jgunicorn j = Jgunicorn.start()) {
            Http.Response r = Http.get(j.port(), "/");
            assertEquals(200, r.status());
            assertTrue(r.text().contains("Hello from jgunicorn!"), r.text());
        }
    }

    @Test
    void echoWarAnswersEveryMethodWithTheRequestAsJson() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--war", Jgunicorn.exampleWar("echo").toString())) {
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            Http.Response r = Http.request(j.port(), "PATCH", "/some/path%20x?q=1&r", "application/json", body);
            assertEquals(200, r.status(), r.text());
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertEquals("PATCH", json.get("method").asText());
            assertEquals("/some/path%20x", json.get("requestURI").asText());
            assertEquals("q=1&r", json.get("queryString").asText());
            assertEquals("HTTP/1.1", json.get("protocol").asText());
            assertEquals("{\"a\":1}", new String(Base64.getDecoder().decode(json.get("bodyBase64").asText()), StandardCharsets.UTF_8));
            List<String> names = json.get("headers").valueStream().map(h -> h.get(0).asText().toLowerCase()).toList();
            assertEquals(List.of("host", "connection", "content-type", "content-length"), names);
            Http.Response get = Http.get(j.port(), "/");
            JsonNode g = new ObjectMapper().readTree(get.body());
            assertTrue(g.get("queryString").isNull());
            assertEquals("/", g.get("requestURI").asText());
            Http.Response custom = Http.request(j.port(), "PURGE", "/cache", null, new byte[0]);
            assertEquals("PURGE", new ObjectMapper().readTree(custom.body()).get("method").asText());
        }
    }

    @Test
    void severalWorkersAllChildrenAndAKilledOneIsReplaced() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "2", Jgunicorn.exampleWar("hello").toString())) {
            Jgunicorn.await("two workers", Duration.ofSeconds(60), () -> j.count(BOOTING) >= 2 && j.workerPids().size() == 2);
            long victim = j.workerPids().getFirst();
            Jgunicorn.kill(victim, "KILL");
            Jgunicorn.await("a third worker booted", Duration.ofSeconds(60), () -> j.count(BOOTING) >= 3);
            Jgunicorn.await("two live workers again", Duration.ofSeconds(60),
                    () -> j.workerPids().size() == 2 && !j.workerPids().contains(victim));
            for (int i = 0; i < 10; i++) {
                assertEquals(200, Http.get(j.port(), "/").status());
            }
        }
    }

    @Test
    void termStopsGracefullyWithExitZero() throws Exception {
        Jgunicorn j = Jgunicorn.start(Jgunicorn.exampleWar("hello").toString());
        try (j) {
            assertEquals(200, Http.get(j.port(), "/").status());
            j.signal("TERM");
            assertEquals(0, j.awaitExit(Duration.ofSeconds(60)));
            assertTrue(j.output().contains("Shutting down: Master"), j.output());
        }
    }
}
