package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgunicorn ctl} against a running arbiter's control socket. */
class ControlSocketTest {

    static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Jgunicorn ctl(Path socket, String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of("ctl", "--control-socket", socket.toString()));
        args.addAll(List.of(words));
        Jgunicorn c = Jgunicorn.launch(args, Map.of(), null);
        c.awaitExit(LONG);
        return c;
    }

    private JsonNode json(Path socket, String... words) throws Exception {
        List<String> w = new ArrayList<>(List.of("--json"));
        w.addAll(List.of(words));
        try (Jgunicorn c = ctl(socket, w.toArray(String[]::new))) {
            return new ObjectMapper().readTree(c.output());
        }
    }

    @Test
    void showChangeAndStopThroughTheControlSocket() throws Exception {
        Path socket = tmp.resolve("j.ctl");
        try (Jgunicorn j = Jgunicorn.start("--control-socket", socket.toString(), Jgunicorn.exampleWar("hello").toString())) {
            Jgunicorn.await("control socket", LONG, () -> Files.exists(socket));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            long worker = SignalsTest.workerPid(j.port());

            JsonNode workers = json(socket, "show", "workers");
            assertTrue(workers.get("ok").asBoolean());
            assertEquals(worker, workers.get("result").get(0).get("pid").asLong());

            JsonNode stats = json(socket, "show", "stats");
            assertEquals(j.pid(), stats.get("result").get("pid").asLong());
            assertEquals("sync", stats.get("result").get("worker_class").asText());

            assertEquals("1", json(socket, "show", "config").get("result").get("workers").asText());

            try (Jgunicorn text = ctl(socket, "show", "workers")) {
                assertEquals(0, text.process().exitValue());
                assertTrue(text.output().startsWith("PID"), text.output());
                assertTrue(text.output().contains(String.valueOf(worker)), text.output());
            }

            assertEquals(2, json(socket, "worker", "add").get("result").get("workers").asInt(), "N defaults to 1");
            Jgunicorn.await("two workers", LONG, () -> j.workerPids().size() == 2);
            assertEquals(1, json(socket, "worker", "remove").get("result").get("workers").asInt(), "N defaults to 1");
            Jgunicorn.await("one worker", LONG, () -> j.workerPids().size() == 1);

            assertEquals(j.baseUrl(), json(socket, "show", "listeners").get("result").get(0).asText());
            JsonNode all = json(socket, "show", "all").get("result");
            assertEquals(j.pid(), all.get("pid").asLong());
            assertEquals(1, all.get("listeners").size());
            assertTrue(all.get("workers").isArray(), all.toString());
            try (Jgunicorn help = ctl(tmp.resolve("nobody.ctl"), "help")) {
                assertEquals(0, help.process().exitValue(), "help needs no arbiter");
                assertTrue(help.output().contains("show listeners") && help.output().contains("worker add [N]"),
                        help.output());
            }

            long current = j.workerPids().getFirst();
            assertTrue(json(socket, "worker", "kill", String.valueOf(current)).get("ok").asBoolean());
            Jgunicorn.await("replaced", LONG, () -> j.workerPids().size() == 1 && !j.workerPids().contains(current));

            JsonNode bad = json(socket, "worker", "kill", "1");
            assertTrue(!bad.get("ok").asBoolean() && bad.get("error").asText().contains("no worker with pid 1"), bad.toString());
            try (Jgunicorn unknown = ctl(socket, "frobnicate")) {
                assertEquals(1, unknown.process().exitValue());
                assertTrue(unknown.output().contains("unknown command"), unknown.output());
            }

            assertTrue(json(socket, "reopen").get("ok").asBoolean());
            j.awaitLine(java.util.regex.Pattern.compile("Handling signal: usr1"), LONG);
            List<Long> before = j.workerPids();
            assertTrue(json(socket, "reload").get("ok").asBoolean());
            Jgunicorn.await("reloaded", LONG, () -> j.workerPids().size() == 1 && !j.workerPids().equals(before));

            assertTrue(json(socket, "shutdown", "graceful").get("ok").asBoolean());
            assertEquals(0, j.awaitExit(LONG));
            assertTrue(!Files.exists(socket), "socket removed at exit");
        }
    }

    @Test
    void ctlWithoutAServerIsAClearError() throws Exception {
        try (Jgunicorn c = ctl(tmp.resolve("nobody.ctl"), "show", "stats")) {
            assertEquals(2, c.process().exitValue());
            assertTrue(c.output().contains("cannot reach an arbiter"), c.output());
        }
    }

    @Test
    void noControlSocketMeansNone() throws Exception {
        Path socket = tmp.resolve("none.ctl");
        try (Jgunicorn j = Jgunicorn.start("--no-control-socket", "--control-socket", socket.toString(),
                Jgunicorn.exampleWar("hello").toString())) {
            SignalsTest.workerPid(j.port());
            assertTrue(!Files.exists(socket));
        }
    }
}
