package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle rules one at a time: what TERM does with the listen queue and the listeners, the
 * post-TERM serving delay and /ready, hung requests under the classes that heartbeat from their loop,
 * and a worker that never finishes booting.
 */
class LifecycleEventsTest {

    static final Duration LONG = Duration.ofSeconds(90);

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    /**
     * One worker that takes one connection at a time and is busy: further connections wait in the
     * listen queue. At TERM they are accepted and served, and from then on a new connection is not
     * taken (ignored, then refused once the listener has closed), while the worker is still finishing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void termServesTheListenQueueThenRefusesNewConnections(String workerClass) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", workerClass, "-w", "1", "--worker-connections", "1",
                "--threads", "1", "--graceful-timeout", "30", hello())) {
            int port = j.port();
            SignalsTest.workerPid(port); // serving
            CompletableFuture<Http.Response> busy = SignalsTest.async(port, "/sleep?ms=4000");
            // whichever of these the worker takes first, the others wait in the listen queue
            List<Socket> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket s = Http.connect(port);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                queued.add(s);
            }
            j.signal("TERM");
            Jgunicorn.await("a new connection not taken while the worker still finishes", LONG, () -> notTaken(port));
            assertTrue(!busy.isDone() || queued.stream().anyMatch(LifecycleEventsTest::unanswered),
                    "refused while the worker still had requests to finish");
            for (Socket s : queued) {
                try (s; InputStream in = s.getInputStream()) {
                    assertEquals(200, Http.read(in, false).status(), "a queued connection is served");
                }
            }
            assertEquals(200, busy.get().status());
            assertEquals(0, j.awaitExit(LONG));
        }
    }

    private static boolean unanswered(Socket s) {
        try {
            return s.getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A new connection is no longer taken: refused, or its SYN ignored (a server closing its
     * listeners for good ignores new connection attempts until they are closed; see BoundSocket).
     */
    private static boolean notTaken(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (ConnectException | java.net.SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
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
     * virtual with one carrier, and that carrier held by a request that computes without pausing
     * past --timeout: the loop's turns under load run on the carriers, but its platform thread takes
     * the loop back, so the worker goes on watching its requests (the hung one is logged while it
     * still runs) and heartbeating, and answers the request when it is done.
     */
    @Test
    void computeBoundRequestOnEveryCarrierDoesNotSilenceTheVirtualLoop() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", "virtual", "--timeout", "2",
                "--worker-jvm-opts", "-Djdk.virtualThreadScheduler.parallelism=1", hello())) {
            int port = j.port();
            long pid = SignalsTest.workerPid(port);
            CompletableFuture<Http.Response> busy = SignalsTest.async(port, "/sleep?ms=8000&busy=1");
            j.awaitLine(Pattern.compile("Request running for \\d+ s, past the timeout \\(pid: " + pid
                    + "\\): GET /sleep\\?ms=8000&busy=1 HTTP/1.1"), LONG);
            assertTrue(!busy.isDone(), "the loop saw it while the request held the only carrier");
            j.awaitLine(Pattern.compile("Requests held every carrier for over 100 ms \\(pid: " + pid
                    + "\\): the loop's platform thread took the loop over"), LONG);
            CompletableFuture<Http.Response> next = SignalsTest.async(port, "/");
            assertEquals(200, busy.get().status());
            assertEquals(String.valueOf(pid), busy.get().header("X-Worker-Pid"));
            assertEquals(200, next.get().status(), "accepted and read meanwhile, served once the carrier was free");
            assertEquals(pid, SignalsTest.workerPid(port), "the worker was not replaced");
            assertEquals(0, j.count(Pattern.compile("WORKER TIMEOUT")));
        }
    }

    /**
     * async under the same request: its loop is a virtual thread on that carrier, so it stops
     * heartbeating and the worker is replaced, as a gevent worker whose greenlet never yields.
     */
    @Test
    void computeBoundRequestOnEveryCarrierSilencesTheAsyncLoop() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", "async", "--timeout", "2",
                "--worker-jvm-opts", "-Djdk.virtualThreadScheduler.parallelism=1", hello())) {
            int port = j.port();
            long pid = SignalsTest.workerPid(port);
            SignalsTest.async(port, "/sleep?ms=60000&busy=1");
            j.awaitLine(Pattern.compile("WORKER TIMEOUT \\(pid:" + pid + "\\)"), LONG);
            awaitReplacement(port, pid);
        }
    }

    /** Polls until a worker other than {@code replaced} answers on {@code port}. */
    private static void awaitReplacement(int port, long replaced) {
        Jgunicorn.await("a replacement serving", LONG, () -> {
            try {
                return SignalsTest.workerPid(port) != replaced;
            } catch (IOException e) {
                return false;
            }
        });
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
            awaitReplacement(port, hung);
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
