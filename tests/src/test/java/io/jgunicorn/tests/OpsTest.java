package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator switches end to end: --reload, -u/-g/-m, --check-config, --log-config. */
class OpsTest {

    @TempDir
    Path dir;

    private static long servingWorker(Jgunicorn j) throws IOException {
        return Long.parseLong(Http.get(j.port(), "/").header("X-Worker-Pid"));
    }

    @Test
    void reloadRestartsWorkersWhenAnExtraFileChanges() throws Exception {
        Path extra = Files.writeString(dir.resolve("settings.properties"), "color=blue\n");
        try (Jgunicorn j = Jgunicorn.start("--reload", "--reload-extra-file", extra.toString(),
                Jgunicorn.exampleWar("hello").toString())) {
            long before = servingWorker(j);
            Files.writeString(extra, "color=green\n");
            Files.setLastModifiedTime(extra, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            j.awaitLine(Pattern.compile("Worker reloading: .*settings.properties modified"), Duration.ofSeconds(30));
            Jgunicorn.await("a new worker serving after the reload", Duration.ofSeconds(60), () -> {
                try {
                    return servingWorker(j) != before && !ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static String status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(field + ":")).findFirst().orElseThrow().substring(field.length() + 1).trim();
    }

    @Test
    void workersRunAsTheGivenUserGroupAndUmask() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
        Path errorlog = dir.resolve("error.log");
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-u", "nobody",
                "-g", "nogroup", "-m", "027", "--error-logfile", errorlog.toString(),
                Jgunicorn.exampleWar("hello").toString()), Map.of(), null)) {
            int port = awaitPort(errorlog);
            long worker = Long.parseLong(Http.get(port, "/").header("X-Worker-Pid"));
            assertEquals(List.of("65534", "65534", "65534", "65534"), List.of(status(worker, "Uid").split("\\s+")));
            assertEquals(List.of("65534", "65534", "65534", "65534"), List.of(status(worker, "Gid").split("\\s+")));
            assertEquals("65534", status(worker, "Groups"), "root's supplementary groups are dropped");
            assertEquals("0027", status(worker, "Umask"));
            assertEquals("0", status(j.pid(), "Uid").split("\\s+")[0], "the arbiter stays root");
            j.signal("USR1"); // the worker may still reopen its log after the switch
            Jgunicorn.await("the worker's log line after USR1", Duration.ofSeconds(30), () -> {
                try {
                    return Files.readString(errorlog).contains("Handling signal: usr1");
                } catch (IOException e) {
                    return false;
                }
            });
            assertEquals(200, Http.get(port, "/").status());
        }
    }

    /** The port from a {@code Listening at:} line in a log file, once a worker serves. */
    private static int awaitPort(Path log) {
        Jgunicorn.await("a worker booted (" + log + ")", Duration.ofSeconds(60), () -> read(log).contains("Booting worker"));
        var m = Pattern.compile("Listening at: \\S+:(\\d+) ").matcher(read(log));
        assertTrue(m.find(), read(log));
        int port = Integer.parseInt(m.group(1));
        Jgunicorn.await("an answer", Duration.ofSeconds(60), () -> {
            try {
                return Http.get(port, "/").status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return port;
    }

    @Test
    void captureOutputSendsTheAppsStdoutAndStderrToTheErrorLog() throws Exception {
        Path errorlog = dir.resolve("error.log");
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "--capture-output",
                "--error-logfile", errorlog.toString(), Jgunicorn.exampleWar("hello").toString()), Map.of(), null)) {
            int port = awaitPort(errorlog);
            assertEquals(200, Http.get(port, "/?say=captured-42").status());
            Jgunicorn.await("captured lines in the error log", Duration.ofSeconds(30), () ->
                    read(errorlog).matches("(?s).*\\[INFO\\] hello says: captured-42\n.*")
                    && read(errorlog).matches("(?s).*\\[ERROR\\] hello warns: captured-42\n.*"));
            assertTrue(!j.output().contains("captured-42"), "not on the process's own stdout/stderr: " + j.output());
        }
    }

    @Test
    void unknownUserIsAStartupError() throws Exception {
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-u",
                "no-such-user-here", Jgunicorn.exampleWar("hello").toString()), Map.of(), null)) {
            assertEquals(1, j.awaitExit(Duration.ofSeconds(60)));
            assertTrue(j.output().contains("setting 'user': no such user 'no-such-user-here'"), j.output());
        }
    }

    private static Jgunicorn checkConfig(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--check-config"));
        all.addAll(List.of(args));
        return Jgunicorn.launch(all, Map.of(), null);
    }

    @Test
    void checkConfigLoadsTheAppOnce() throws Exception {
        try (Jgunicorn ok = checkConfig(Jgunicorn.exampleWar("hello").toString())) {
            assertEquals(0, ok.awaitExit(Duration.ofSeconds(60)), ok.output());
            assertTrue(!ok.output().contains("Listening at"), ok.output());
        }
        Path broken = Files.write(dir.resolve("broken.war"), new byte[] {'P', 'K', 3, 4, 0, 0});
        try (Jgunicorn bad = checkConfig(broken.toString())) {
            assertEquals(1, bad.awaitExit(Duration.ofSeconds(60)), bad.output());
            assertTrue(bad.output().contains("failed to load") && bad.output().contains("broken.war"), bad.output());
        }
        try (Jgunicorn bad = checkConfig("--cert-reqs", "7", Jgunicorn.exampleWar("hello").toString())) {
            assertEquals(1, bad.awaitExit(Duration.ofSeconds(60)), bad.output());
            assertTrue(bad.output().contains("cert_reqs"), bad.output());
        }
    }

    @Test
    void userLogbackFileReplacesOurs() throws Exception {
        Path access = dir.resolve("custom-access.log");
        Path xml = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="A" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>CUSTOM %%logger %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="jgunicorn.access" level="INFO" additivity="false"><appender-ref ref="A"/></logger>
                  <root level="INFO"><appender-ref ref="A"/></root>
                </configuration>
                """.formatted(access));
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "--log-config",
                xml.toString(), "--access-logformat", "%(m)s %(U)s %(s)s", Jgunicorn.exampleWar("hello").toString()),
                Map.of(), null)) {
            int port = awaitPort(access);
            assertEquals(200, Http.get(port, "/sleep?ms=1").status());
            Jgunicorn.await("the access line", Duration.ofSeconds(30),
                    () -> read(access).contains("CUSTOM jgunicorn.access GET /sleep 200"));
            assertTrue(!j.output().contains("Listening at"), "our stderr log is replaced: " + j.output());
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
