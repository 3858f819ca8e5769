package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that cannot boot or an app that cannot load stops the first start; later, never the server. */
class BootFailureTest {

    static final Duration LONG = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    /**
     * A WAR whose listener class is missing (a load-on-startup servlet that cannot load would not do:
     * like Tomcat, jgunicorn keeps the application and answers 503 for that servlet).
     */
    static Path brokenWar(Path where) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(where))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("""
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                      <listener><listener-class>com.example.Missing</listener-class></listener>
                    </web-app>
                    """.getBytes());
            zip.closeEntry();
        }
        return where;
    }

    @Test
    void appThatFailsToLoadStopsTheFirstStartWithExitFour() throws Exception {
        Path war = brokenWar(tmp.resolve("broken.war"));
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", war.toString()), Map.of(), null)) {
            assertEquals(4, j.awaitExit(LONG), j.output());
            assertTrue(j.output().contains("Reason: App failed to load."), j.output());
            assertTrue(j.output().contains("com.example.Missing"), j.output());
            assertEquals(1, j.count(Pattern.compile("Booting worker")), "no respawn loop");
        }
    }

    @Test
    void workerThatCannotBootStopsTheFirstStartWithExitThree() throws Exception {
        Path hooksLog = tmp.resolve("hooks.log");
        List<String> args = List.of("-b", "127.0.0.1:0", "--no-control-socket", "-e", "HOOKS_FAIL_POST_FORK=1",
                "--hooks", "io.jgunicorn.examples.hooks.RecordingHooks", "--classpath", Jgunicorn.hooksJar().toString(),
                Jgunicorn.exampleWar("hello").toString());
        try (Jgunicorn j = Jgunicorn.launch(args, Map.of("HOOKS_LOG", hooksLog.toString()), null)) {
            assertEquals(3, j.awaitExit(LONG), j.output());
            assertTrue(j.output().contains("Reason: Worker failed to boot."), j.output());
            assertTrue(j.output().contains("post_fork failed on purpose"), j.output());
            // -e reached the worker only: the arbiter's own hooks ran normally
            assertTrue(Jgunicorn.hookLines(hooksLog).stream().anyMatch(l -> l.startsWith("on_starting")));
        }
    }

    @Test
    void hupWhoseNewWorkersFailLeavesTheOldOnesServing() throws Exception {
        Path war = tmp.resolve("app.war");
        Files.copy(Jgunicorn.exampleWar("hello"), war);
        try (Jgunicorn j = Jgunicorn.start("-w", "2", war.toString())) {
            int port = j.port();
            Jgunicorn.await("two workers", LONG, () -> j.workerPids().size() == 2);
            List<Long> before = j.workerPids();
            assertEquals(200, Http.get(port, "/").status());
            Files.copy(brokenWar(tmp.resolve("broken.war")), war, StandardCopyOption.REPLACE_EXISTING);
            j.signal("HUP");
            j.awaitLine(Pattern.compile("Reload failed: App failed to load\\. The previous workers keep serving\\."), LONG);
            for (int i = 0; i < 10; i++) {
                Http.Response r = Http.get(port, "/");
                assertEquals(200, r.status());
                assertTrue(before.contains(Long.parseLong(r.header("X-Worker-Pid"))));
            }
            Jgunicorn.await("only the old workers remain", LONG, () -> j.workerPids().equals(before));
            assertTrue(j.process().isAlive());
        }
    }
}
