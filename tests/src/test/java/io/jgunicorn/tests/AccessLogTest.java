package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log as an operator sees it: a file written by the workers, Gunicorn's atoms, USR1 rotation. */
class AccessLogTest {

    @TempDir
    Path dir;

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String awaitLine(Path file, String contains) {
        Jgunicorn.await("access log line with '" + contains + "' in " + file, Duration.ofSeconds(30),
                () -> lines(file).stream().anyMatch(l -> l.contains(contains)));
        return lines(file).stream().filter(l -> l.contains(contains)).findFirst().orElseThrow();
    }

    @Test
    void workersWriteGunicornFormattedLinesAndReopenOnUsr1() throws Exception {
        Path log = dir.resolve("access.log");
        String format = "%(h)s %(l)s %(u)s \"%(r)s\" %(s)s %(b)s %(m)s %(U)s [%(q)s] %(H)s \"%(f)s\" \"%(a)s\" "
                + "%({x-trace}i)s %({x-hello-filter}o)s %({ACCESS_TEST_ENV}e)s %(p)s T=%(T)s M=%(M)s D=%(D)s L=%(L)s %(t)s";
        try (Jgunicorn j = Jgunicorn.start(java.util.Map.of("ACCESS_TEST_ENV", "green"), "--access-logfile", log.toString(),
                "--access-logformat", format, Jgunicorn.exampleWar("hello").toString())) {
            String raw = "GET /sleep?ms=1 HTTP/1.1\r\nHost: localhost\r\nReferer: http://r.example/\r\n"
                    + "User-Agent: access-test\r\nX-Trace: tr-9\r\nAuthorization: Basic Ym9iOnB3\r\n"
                    + "Connection: close\r\n\r\n";
            Http.Response r = Http.exchange(j.port(), raw);
            assertEquals(200, r.status());
            String line = awaitLine(log, "tr-9");
            long worker = j.workerPids().getFirst();
            assertTrue(line.matches("127\\.0\\.0\\.1 - bob \"GET /sleep\\?ms=1 HTTP/1\\.1\" 200 " + r.body().length
                    + " GET /sleep \\[ms=1\\] HTTP/1\\.1 \"http://r\\.example/\" \"access-test\" tr-9 ran green <"
                    + worker + "> T=0 M=\\d+ D=\\d+ L=0\\.\\d{6} \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\]"),
                    line);
            assertTrue(!j.output().contains("tr-9"), "access lines go to the access log only");

            // logrotate: move the file away, USR1, and the next line lands in a new file
            Path rotated = dir.resolve("access.log.1");
            Files.move(log, rotated);
            j.signal("USR1");
            Jgunicorn.await("a new access log after USR1", Duration.ofSeconds(30), () -> {
                try {
                    Http.get(j.port(), "/?after=usr1");
                } catch (IOException e) {
                    return false;
                }
                return lines(log).stream().anyMatch(l -> l.contains("after=usr1"));
            });
            assertTrue(lines(rotated).stream().anyMatch(l -> l.contains("tr-9")));
        }
    }

    @Test
    void jsonAccessLogToStdout() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--access-logfile", "-", "--access-log-json", "-k", "gthread",
                Jgunicorn.exampleWar("hello").toString())) {
            assertEquals(404, Http.get(j.port(), "/missing?q=1").status());
            var m = j.awaitLine(java.util.regex.Pattern.compile("^\\{.*\"path\":\"/missing\".*\\}$"), Duration.ofSeconds(30));
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group());
            assertEquals(404, node.get("status").asInt());
            assertEquals("q=1", node.get("query").asText());
            assertEquals("GET", node.get("method").asText());
        }
    }
}
