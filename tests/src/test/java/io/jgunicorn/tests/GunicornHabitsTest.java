package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Gunicorn user carries over: a ported command line, proxy headers, request ids, log lines. */
class GunicornHabitsTest {

    static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void portedCommandLineProxyHeadersAndRequestIdsBehaveAsBehindAGunicornFrontEnd() throws Exception {
        Path log = tmp.resolve("access.log");
        try (Jgunicorn j = Jgunicorn.start("--reuse-port", "--no-sendfile", "-w", "2", "--forwarded-headers",
                "--access-logfile", log.toString(), "--access-logformat",
                "%(h)s|%({REMOTE_ADDR}e)s|%({PATH_INFO}e)s|%({HTTP_X_REQUEST_ID}e)s",
                Jgunicorn.exampleWar("spec").toString())) {
            assertEquals(1, j.count(Pattern.compile("warning: --reuse-port \\(Gunicorn's reuse_port\\) has no meaning")));
            assertEquals(1, j.count(Pattern.compile("warning: --no-sendfile")));
            int port = j.port();

            var info = ProxyAndLimitsTest.info(port, "X-Forwarded-For: 203.0.113.9\r\nX-Request-ID: edge-42\r\n");
            assertEquals("203.0.113.9", info.get("remoteAddr").asText());
            assertEquals("edge-42", info.get("requestId").asText(), "the front end's id follows the request");
            Jgunicorn.await("the access log line", LONG, () -> lines(log).contains("203.0.113.9|203.0.113.9|/request/info|edge-42"));

            Http.Response conflict = Http.exchange(port, "GET /request/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n\r\n");
            assertEquals(400, conflict.status(), "contradictory scheme headers, as Gunicorn");

            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String id = new ObjectMapper().readTree(Http.get(port, "/request/info").body()).get("requestId").asText();
                assertTrue(ids.add(id), "request id " + id + " seen twice: " + ids);
                assertTrue(j.workerPids().stream().anyMatch(pid -> id.startsWith(pid + "-")), id + " names its worker");
            }
        }
    }

    @Test
    void aWorkerKilledAtTheGracefulTimeoutIsLoggedAsSuchNotAsOutOfMemory() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        try (Jgunicorn j = Jgunicorn.startWithHooks(hooks, "--graceful-timeout", "1",
                Jgunicorn.exampleWar("hello").toString())) {
            SignalsTest.async(j.port(), "/sleep?ms=30000");
            Jgunicorn.awaitHook(hooks, "pre_request");
            j.signal("TERM");
            j.awaitLine(Pattern.compile("was sent SIGKILL by the arbiter: it did not stop within graceful_timeout \\(1 s\\)"),
                    LONG);
            assertEquals(0, j.awaitExit(LONG));
            assertFalse(j.output().contains("Perhaps out of memory"), j.output());
        }
    }

    @Test
    void hupAppliesAChangedBindNewListenersFirstRemovedOnesClosedAfterTheRoll() throws Exception {
        Path a = tmp.resolve("a.sock");
        Path b = tmp.resolve("b.sock");
        Path conf = tmp.resolve("jgunicorn.conf.toml");
        Files.writeString(conf, "bind = [\"127.0.0.1:0\", \"unix:" + a + "\"]\n");
        try (Jgunicorn j = Jgunicorn.launch(List.of("-c", conf.toString(), "--control-socket",
                Jgunicorn.controlSocketPath().toString(), Jgunicorn.exampleWar("hello").toString()), java.util.Map.of(), null)) {
            int port = j.port();
            Jgunicorn.await("two listeners", LONG, () -> j.count(Pattern.compile("Listening at: ")) == 2);
            assertEquals(200, BindTest.overUnix(a, "/").status());

            Files.writeString(conf, "bind = [\"unix:" + b + "\"]\n");
            j.signal("HUP");
            j.awaitLine(Pattern.compile("Listening at: unix:" + Pattern.quote(b.toString())), LONG);
            Jgunicorn.await("the old listeners closed after the roll", LONG,
                    () -> j.count(Pattern.compile("Closing listener: ")) == 2 && !Files.exists(a));
            assertEquals(200, BindTest.overUnix(b, "/").status());
            Jgunicorn.await("the TCP port refuses connections once the old workers are gone", LONG, () -> {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return false;
                } catch (java.io.IOException refused) {
                    return true;
                }
            });
        }
    }

    @Test
    void systemdHearsReadyReloadingStatusAndStoppingThroughNotifySocket() throws Throwable {
        try (NotifySocket systemd = new NotifySocket(tmp.resolve("notify.sock"));
                Jgunicorn j = Jgunicorn.start(java.util.Map.of("NOTIFY_SOCKET", systemd.path.toString()), "-w", "2",
                        Jgunicorn.exampleWar("hello").toString())) {
            int ready = systemd.await("READY=1", 0, LONG);
            assertTrue(systemd.messages().get(ready).contains("STATUS=Serving with "), systemd.messages().toString());
            systemd.await("STATUS=Serving with 2 of 2 workers ready", 0, LONG);
            int before = systemd.messages().size();

            j.signal("HUP");
            int reloading = systemd.await("RELOADING=1", before, LONG);
            assertTrue(systemd.messages().get(reloading).contains("MONOTONIC_USEC="), systemd.messages().toString());
            systemd.await("READY=1", reloading + 1, LONG);

            j.signal("TERM");
            systemd.await("STOPPING=1", reloading + 1, LONG);
            assertEquals(0, j.awaitExit(LONG));
            assertFalse(String.join("|", systemd.messages()).contains("MAINPID="), "no upgrade, no new main pid");
        }
    }

    @Test
    void afterAUsr2UpgradeSystemdIsToldTheNewMainPid() throws Throwable {
        long newArbiter = 0;
        try (NotifySocket systemd = new NotifySocket(tmp.resolve("notify.sock"));
                Jgunicorn j = Jgunicorn.start(java.util.Map.of("NOTIFY_SOCKET", systemd.path.toString()),
                        Jgunicorn.exampleWar("hello").toString())) {
            try {
                systemd.await("READY=1", 0, LONG);
                j.signal("USR2");
                newArbiter = Long.parseLong(j.awaitLine(Pattern.compile("Started a new arbiter with pid: (\\d+)"), LONG)
                        .group(1));
                long na = newArbiter;
                Jgunicorn.await("the new arbiter's worker", LONG,
                        () -> ProcessHandle.of(na).map(h -> h.children().findAny().isPresent()).orElse(false));
                int before = systemd.messages().size();
                j.signal("TERM"); // the operator retires the old arbiter, as with Gunicorn
                systemd.await("MAINPID=" + na, before, LONG);
                assertEquals(0, j.awaitExit(LONG));
                int took = systemd.await("MAINPID=" + na, systemd.await("MAINPID=" + na, before, LONG) + 1, LONG);
                assertTrue(systemd.messages().get(took).contains("READY=1"), systemd.messages().toString());
                assertFalse(systemd.messages().subList(before, took).stream().anyMatch(m -> m.contains("STOPPING=1")),
                        "the service does not stop: " + systemd.messages());
            } finally {
                if (newArbiter != 0) {
                    Jgunicorn.kill(newArbiter, "TERM");
                    long na = newArbiter;
                    Jgunicorn.await("the new arbiter exits", LONG, () -> ProcessHandle.of(na).isEmpty());
                }
            }
        }
    }

    @Test
    void hashPasswordRefusesAnEmptyPassword() throws Exception {
        Process p = new ProcessBuilder(Jgunicorn.root().resolve("jgunicorn").toString(), "hash-password")
                .redirectErrorStream(true).start();
        p.getOutputStream().write("\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.contains("empty password refused") && !out.contains("pbkdf2"), out);
        assertEquals(0, new ProcessBuilder(Jgunicorn.root().resolve("jgunicorn").toString(), "--help")
                .redirectErrorStream(true).start().waitFor());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
