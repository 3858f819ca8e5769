package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle rules one at a time: the post-TERM serving delay and /ready, hung requests under the classes that heartbeat from their loop,
 * and a worker that never finishes booting.
 */
class LifecycleEventsTest {

    static final Duration LONG = Duration.ofSeconds(90);

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** shutdown_delay: after TERM, /ready answers 503 at once while requests are still served. */
    @Test
    void shutdownDelayKeepsServingWhileReadyAnswers503() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", "gthread", "--shutdown-delay", "3", "--metrics-bind", "127.0.0.1:0",
                hello())) {
            int port = j.port();
            int metrics = Prometheus.port(j);
            Jgunicorn.await("ready", LONG, () -> status(metrics, "/ready") == 200);
            j.signal("TERM");
            Jgunicorn.await("/ready answers 503", LONG, () -> status(metrics, "/ready") == 503);
            assertEquals(200, Http.get(port, "/").status(), "still serving during the delay");
            j.awaitLine(Pattern.compile("Serving 3 s more before the graceful stop"), LONG);
            Jgunicorn.await("refused after the delay", LONG, () -> refused(port));
            assertEquals(0, j.awaitExit(LONG));
        }
    }

    private static int status(int port, String target) {
        try {
            return Http.get(port, target).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A request past --timeout is logged once with its line, pid and stack; it still completes. */
    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void hungRequestIsLoggedWithItsStack(String workerClass) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", workerClass, "--threads", "4", "--timeout", "2", hello())) {
            int port = j.port();
            long pid = SignalsTest.workerPid(port);
            Http.Response r = Http.get(port, "/sleep?ms=4500");
            assertEquals(200, r.status(), "the worker keeps serving it");
            Matcher m = j.awaitLine(Pattern.compile("Request running for \\d+ s, past the timeout \\(pid: " + pid
                    + "\\): GET /sleep\\?ms=4500 HTTP/1.1"), LONG);
            assertTrue(m.find(0));
            Jgunicorn.await("its stack", LONG, () -> j.output().contains("SleepServlet.doGet"));
            assertEquals(1, j.count(Pattern.compile("GET /sleep\\?ms=4500 HTTP/1.1")), "logged once");
            assertEquals(pid, SignalsTest.workerPid(port), "one hung request does not cost the worker");
            assertEquals(0, j.count(Pattern.compile("WORKER TIMEOUT")));
        }
    }

    /**
     * gthread with one thread, and that thread hung: the worker can no longer serve, stops
     * heartbeating, and is replaced as a hung sync worker is; the replacement starts before the kill.
     */
    @Test
    void workerWhoseThreadsAllHangIsReplacedReplacementFirst() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", "gthread", "--threads", "1", "--timeout", "2", hello())) {
            int port = j.port();
            long hung = SignalsTest.workerPid(port);
            SignalsTest.async(port, "/sleep?ms=60000");
            j.awaitLine(Pattern.compile("Worker \\(pid: " + hung + "\\) cannot serve"), LONG);
            j.awaitLine(Pattern.compile("WORKER TIMEOUT \\(pid:" + hung + "\\)"), LONG);
            Jgunicorn.await("a replacement serving", LONG, () -> {
                try {
                    return SignalsTest.workerPid(port) != hung;
                } catch (IOException e) {
                    return false;
                }
            });
            String out = j.output();
            int timeoutAt = out.indexOf("WORKER TIMEOUT (pid:" + hung + ")");
            int bootAt = out.indexOf("Booting worker with pid:", timeoutAt);
            int dumpAt = out.indexOf("thread dump follows (pid: " + hung + ")");
            assertTrue(bootAt > timeoutAt, out);
            assertTrue(dumpAt > 0 && out.contains("SleepServlet.doGet"), "the hung worker's threads were dumped: " + out);
        }
    }

    /**
     * An application that takes longer than boot_timeout: the booting worker's threads are dumped
     * (showing where it was), and its successors are spawned with a growing, logged delay.
     */
    @Test
    void bootTimeoutDumpsTheBootingWorkerAndBacksOff() throws Exception {
        // the workers inherit the environment: every JVM of this server starts slowly in the hello app
        try (Jgunicorn j = Jgunicorn.start(java.util.Map.of("JAVA_TOOL_OPTIONS", "-Dhello.startupDelayMs=60000"),
                "--boot-timeout", "2", "--timeout", "1", hello())) {
            j.awaitLine(Pattern.compile("WORKER BOOT TIMEOUT \\(pid:\\d+\\): not ready after 2 s"), LONG);
            j.awaitLine(Pattern.compile("timed out while booting; thread dump follows"), LONG);
            Jgunicorn.await("the dump shows the slow listener", LONG,
                    () -> j.output().contains("HelloListener.contextInitialized"));
            j.awaitLine(Pattern.compile("2 workers in a row died before they were ready .*next spawn in 1 s"), LONG);
            j.awaitLine(Pattern.compile("3 workers in a row died before they were ready .*next spawn in 2 s"), LONG);
            assertEquals(0, j.count(Pattern.compile("WORKER TIMEOUT \\(pid")), "--timeout does not apply while booting");
        }
    }
}
