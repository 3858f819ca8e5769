package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers that hang, grow, run out of memory or reach max_requests are replaced. */
class RecyclingTest {

    static final Duration LONG = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    @Test
    void hungSyncWorkerIsTimedOutWithItsStackInTheLogAndWorkerAbortRuns() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        try (Jgunicorn j = Jgunicorn.startWithHooks(hooks, "-k", "sync", "--timeout", "5", hello())) {
            int port = j.port();
            long hung = SignalsTest.workerPid(port);
            SignalsTest.async(port, "/sleep?ms=60000");
            j.awaitLine(Pattern.compile("WORKER TIMEOUT \\(pid:" + hung + "\\)"), LONG);
            // the dump names the servlet the worker was stuck in, before the worker is killed
            j.awaitLine(Pattern.compile("SleepServlet\\.doGet"), LONG);
            String abort = Jgunicorn.awaitHook(hooks, "worker_abort " + hung);
            String exit = Jgunicorn.awaitHook(hooks, "worker_exit " + hung); // as Gunicorn: after the abort too
            List<String> lines = Jgunicorn.hookLines(hooks);
            assertTrue(lines.indexOf(abort) < lines.indexOf(exit), lines.toString());
            Jgunicorn.await("a replacement worker", LONG,
                    () -> !j.workerPids().isEmpty() && !j.workerPids().contains(hung));
            assertNotEquals(hung, SignalsTest.workerPid(port));
        }
    }

    @Test
    void timeoutZeroDisablesTheWatchdog() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        try (Jgunicorn j = Jgunicorn.startWithHooks(hooks, "-k", "sync", "--timeout", "0", hello())) {
            int port = j.port();
            long worker = SignalsTest.workerPid(port);
            // a 3 s request with timeout 0 completes; with --timeout 1 it would be killed
            assertEquals(200, Http.get(port, "/sleep?ms=3000").status());
            assertEquals(worker, SignalsTest.workerPid(port));
            assertEquals(0, j.count(Pattern.compile("WORKER TIMEOUT")));
        }
    }

    @Test
    void maxRequestsRecyclesTheWorkerAfterItsLastResponse() throws Exception {
        for (String k : new String[] {"sync", "gthread"}) {
            try (Jgunicorn j = Jgunicorn.start("-k", k, "--max-requests", "3", hello())) {
                int port = j.port();
                long first = SignalsTest.workerPid(port);
                assertEquals(first, SignalsTest.workerPid(port));
                Http.Response third = Http.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("close", third.header("Connection"));
                assertEquals(first, Long.parseLong(third.header("X-Worker-Pid")));
                Jgunicorn.await("the worker exits 0 and is replaced", LONG,
                        () -> !j.workerPids().isEmpty() && !j.workerPids().contains(first));
                assertNotEquals(first, SignalsTest.workerPid(port), k);
                assertTrue(j.output().contains("Worker exiting (pid: " + first + ")"), j.output());
                assertEquals(0, j.count(Pattern.compile("Worker \\(pid:" + first + "\\) exited with code")), j.output());
            }
        }
    }

    @Test
    void maxRequestsJitterSpreadsTheLimitBetweenNAndNPlusJ() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--max-requests", "2", "--max-requests-jitter", "3", hello())) {
            int port = j.port();
            long pid = -1;
            int served = 0;
            int recycled = 0;
            // each worker draws its limit in [2, 5]: count the requests each pid answers in a row
            for (int i = 0; i < 40 && recycled < 3; i++) {
                long p = Long.parseLong(Http.get(port, "/").header("X-Worker-Pid"));
                if (p != pid) {
                    if (pid != -1) {
                        assertTrue(served >= 2, "a worker was recycled before max_requests: " + served);
                        recycled++;
                    }
                    pid = p;
                    served = 0;
                }
                served++;
                assertTrue(served <= 5, "a worker served more than max_requests + jitter");
            }
            assertEquals(3, recycled, "three workers were recycled within 40 requests");
        }
    }

    @Test
    void maxWorkerMemoryRecyclesAWorkerOverTheLimit() throws Exception {
        // any JVM is over 1 MB: every worker is recycled after its first request
        try (Jgunicorn j = Jgunicorn.start("--max-worker-memory", "1", hello())) {
            int port = j.port();
            long first = SignalsTest.workerPid(port);
            j.awaitLine(Pattern.compile("over max_worker_memory 1 MB: recycling"), LONG);
            Jgunicorn.await("replaced", LONG, () -> !j.workerPids().isEmpty() && !j.workerPids().contains(first));
            assertNotEquals(first, SignalsTest.workerPid(port));
        }
    }

    @Test
    void workerOutOfMemoryExitsAndIsReplacedWithAHeapDump() throws Exception {
        Path dumps = tmp.resolve("dumps");
        try (Jgunicorn j = Jgunicorn.start("--worker-jvm-opts", "-Xmx48m", "--heap-dump-dir", dumps.toString(), hello())) {
            int port = j.port();
            long first = SignalsTest.workerPid(port);
            try {
                Http.get(port, "/alloc?mb=200");
            } catch (java.io.IOException expected) {
                // the worker died mid-request
            }
            Jgunicorn.await("replaced", LONG, () -> !j.workerPids().isEmpty() && !j.workerPids().contains(first));
            assertEquals(200, Http.get(port, "/").status());
            j.awaitLine(Pattern.compile("Worker \\(pid:" + first + "\\) ran out of memory"), LONG);
            try (var files = Files.list(dumps)) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".hprof")), "a heap dump was written");
            }
            assertEquals(0, j.count(Pattern.compile("Shutting down: Master")), "the arbiter keeps running");
        }
    }
}
