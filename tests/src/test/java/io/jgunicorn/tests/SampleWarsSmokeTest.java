package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke test: {@code ./jgunicorn} serves each sample WAR, unchanged, under every worker class and
 * gives real answers (status, content type, body). One server per worker class serves all of them
 * side by side, each at its own context path, through an INI descriptor's url map (the way a
 * Paste Deploy user composes apps): four servers in all, started together, instead of four per WAR.
 */
class SampleWarsSmokeTest {

    static final List<String> CLASSES = List.of("sync", "gthread", "virtual", "async");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The sample WARs and where the descriptor mounts them. */
    static final List<String> WARS = List.of("hello", "echo", "spec", "spring-boot", "jersey");
    static Map<String, Jgunicorn> servers;

    interface Check {
        /** @param ctx the context path the WAR is mounted at ({@code /hello}, ...) */
        void run(int port, String ctx, String workerClass) throws Exception;
    }

    @BeforeAll
    static void startServers(@TempDir Path dir) throws IOException {
        StringBuilder ini = new StringBuilder("[composite:main]\nuse = egg:Paste#urlmap\n");
        for (String war : WARS) {
            ini.append("/").append(war).append(" = ").append(war).append("\n");
        }
        for (String war : WARS) {
            ini.append("\n[app:").append(war).append("]\nuse = war:").append(Jgunicorn.exampleWar(war)).append("\n");
        }
        Path descriptor = dir.resolve("samples.ini");
        Files.writeString(descriptor, ini);
        servers = startAll(descriptor.toString());
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            stopAll(servers);
        }
    }

    @TestFactory
    Stream<DynamicTest> hello() throws IOException {
        return underEveryWorkerClass("hello", (port, ctx, k) -> {
            Http.Response r = Http.get(port, ctx + "/");
            assertAnswer(r, 200, "text/plain;charset=UTF-8");
            assertTrue(r.text().contains("Hello from jgunicorn!") && r.text().contains("filter: ran"), r.text());
            assertEquals("slept 1 ms", Http.get(port, ctx + "/sleep?ms=1").text().strip());
            assertEquals(404, Http.get(port, ctx + "/no/such/page").status());
        });
    }

    @TestFactory
    Stream<DynamicTest> echo() throws IOException {
        return underEveryWorkerClass("echo", (port, ctx, k) -> {
            byte[] body = ("{\"k\":\"" + k + "\"}").getBytes(StandardCharsets.UTF_8);
            Http.Response r = Http.request(port, "PUT", ctx + "/any/path?x=1", "application/json", body);
            assertAnswer(r, 200, "application/json");
            JsonNode json = JSON.readTree(r.body());
            assertEquals("PUT", json.get("method").asText());
            assertEquals(ctx + "/any/path", json.get("requestURI").asText());
            assertEquals("x=1", json.get("queryString").asText());
            assertEquals(new String(body, StandardCharsets.UTF_8),
                    new String(Base64.getDecoder().decode(json.get("bodyBase64").asText()), StandardCharsets.UTF_8));
        });
    }

    /** The spec "kitchen sink" WAR, when the build has one: it must at least start and answer. */
    @TestFactory
    Stream<DynamicTest> spec() throws IOException {
        return underEveryWorkerClass("spec", (port, ctx, k) -> {
            int status = Http.get(port, ctx + "/").status();
            assertTrue(status < 500, "GET / answered " + status);
        });
    }

    @TestFactory
    Stream<DynamicTest> springBoot() throws IOException {
        return underEveryWorkerClass("spring-boot", (port, ctx, k) -> {
            Http.Response page = Http.get(port, ctx + "/");
            assertAnswer(page, 200, "text/html");
            assertTrue(page.text().contains("<h1>Spring Boot on jgunicorn</h1>"), page.text());
            Http.Response greeting = Http.get(port, ctx + "/api/greeting?name=" + k);
            assertAnswer(greeting, 200, "application/json");
            assertEquals("Hello, " + k + "!", JSON.readTree(greeting.body()).get("content").asText());
            Http.Response echo = Http.request(port, "POST", ctx + "/api/echo", "application/json",
                    "{\"id\":41,\"content\":\"shout\"}".getBytes(StandardCharsets.UTF_8));
            assertAnswer(echo, 200, "application/json");
            assertEquals(JSON.readTree("{\"id\":42,\"content\":\"SHOUT\"}"), JSON.readTree(echo.body()));
            assertEquals(404, Http.get(port, ctx + "/api/missing").status());
        });
    }

    @TestFactory
    Stream<DynamicTest> jersey() throws IOException {
        return underEveryWorkerClass("jersey", (port, ctx, k) -> {
            Http.Response text = Http.get(port, ctx + "/api/hello?name=" + k);
            assertAnswer(text, 200, "text/plain");
            assertEquals("Hello, " + k + "!", text.text());
            Http.Response json = Http.get(port, ctx + "/api/hello/json/" + k);
            assertAnswer(json, 200, "application/json");
            assertEquals(JSON.readTree("{\"greeting\":\"Hello\",\"name\":\"" + k + "\"}"), JSON.readTree(json.body()));
            Http.Response post = Http.request(port, "POST", ctx + "/api/hello/json", "application/json",
                    "{\"greeting\":\"hi\",\"name\":\"z\"}".getBytes(StandardCharsets.UTF_8));
            assertAnswer(post, 200, "application/json");
            assertEquals("HI", JSON.readTree(post.body()).get("greeting").asText());
            assertEquals(404, Http.get(port, ctx + "/api/missing").status());
        });
    }

    static void assertAnswer(Http.Response r, int status, String contentType) {
        assertEquals(status, r.status(), () -> r.headers() + "\n" + r.text());
        String type = r.header("Content-Type");
        assertTrue(type != null && type.replace(" ", "").startsWith(contentType), "Content-Type " + type);
    }

    /** One dynamic test per worker class, on the servers all WARs share. */
    static Stream<DynamicTest> underEveryWorkerClass(String war, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        servers.forEach((k, server) -> tests.add(DynamicTest.dynamicTest(war + " under -k " + k, () -> {
            try {
                awaitWorker(server.port());
                check.run(server.port(), "/" + war, k);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(war + " under -k " + k + ": " + e + "\nserver log:\n" + server.output(), e);
            }
        })));
        return tests.stream();
    }

    /** The first answer waits for the worker to load the app: a deadline longer than {@link Http}'s. */
    static void awaitWorker(int port) throws IOException {
        try (java.net.Socket s = Http.connect(port)) {
            s.setSoTimeout(180_000);
            s.getOutputStream().write("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            Http.read(s.getInputStream(), true);
        }
    }

    /**
     * Starts the four servers side by side (each waits for its own {@code Listening at:}). A
     * framework app loads for seconds (more on a busy CI machine): like a Gunicorn user with a slow
     * app, give workers a timeout that covers loading it.
     */
    static Map<String, Jgunicorn> startAll(String path) throws IOException {
        Map<String, Future<Jgunicorn>> starting = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String k : CLASSES) {
                starting.put(k, pool.submit(() -> Jgunicorn.start("-k", k, "--timeout", "180", path)));
            }
        }
        Map<String, Jgunicorn> servers = new LinkedHashMap<>();
        Throwable failure = null;
        for (Map.Entry<String, Future<Jgunicorn>> e : starting.entrySet()) {
            try {
                servers.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException | InterruptedException ex) {
                failure = failure == null ? ex.getCause() : failure;
            }
        }
        if (failure != null) {
            stopAll(servers);
            throw new AssertionError("could not start jgunicorn with " + path, failure);
        }
        return servers;
    }

    /** Stops the servers side by side: TERM to each, each waits for its own exit. */
    static void stopAll(Map<String, Jgunicorn> servers) {
        List<Future<?>> stopping = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Jgunicorn j : servers.values()) {
                stopping.add(pool.submit(() -> {
                    j.close();
                    return null;
                }));
            }
        }
        for (Future<?> f : stopping) {
            try {
                f.get();
            } catch (ExecutionException | InterruptedException e) {
                throw new AssertionError("could not stop jgunicorn", e);
            }
        }
    }
}
