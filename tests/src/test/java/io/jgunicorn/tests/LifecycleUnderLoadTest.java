package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise jgunicorn exists for: a worker is replaced (recycled, reloaded, rolled, stopped) while
 * clients keep sending, and no client notices. Each event happens under a {@link SteadyLoad} (keep-alive
 * and new-connection clients mixed, some slow requests), for each worker class; every reset, empty
 * reply, other status and timeout is a failure. The counts per event are printed. The one event that
 * may lose requests is {@code kill -9} of a worker (what was in flight inside it): its count is
 * printed apart and not held to zero.
 */
class LifecycleUnderLoadTest {

    static final Duration LONG = Duration.ofSeconds(90);
    static final String SLOW = "/sleep?ms=300";
    static final int CLIENTS = 8;
    static final long AFTER_EVENT = 60;
    static final String KILL9 = "kill -9 of a worker (in-flight losses allowed)";
    static final String UPGRADE = "USR2 (a new arbiter and its workers)";
    static final String UPGRADE_WINCH = "WINCH to the old arbiter";
    static final String UPGRADE_TERM = "TERM of the old arbiter";
    static final String STOP = "graceful TERM";

    @TempDir
    Path tmp;

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    /** TTIN, TTOU, HUP, kill -9, USR2 + WINCH + TERM of the old arbiter, then a graceful TERM. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void signalsUpgradeAndStopLoseNothing(String workerClass) throws Exception {
        Path pidfile = tmp.resolve("j.pid");
        int port = freePort();
        Jgunicorn launcher = Jgunicorn.launch(List.of("-D", "-p", pidfile.toString(), "-b", "127.0.0.1:" + port,
                "--error-logfile", tmp.resolve("error.log").toString(), "--control-socket", tmp.resolve("ctl").toString(),
                "-k", workerClass, "-w", "2", "--threads", "4", "--graceful-timeout", "15", hello()), Map.of(), null);
        assertEquals(0, launcher.awaitExit(LONG), launcher.output());
        launcher.close();
        Jgunicorn.await("pidfile", LONG, () -> read(pidfile).matches("\\d+"));
        long arbiter = Long.parseLong(read(pidfile));
        long newArbiter = 0;
        Jgunicorn.await("serving", LONG, () -> {
            try {
                return Http.get(port, "/").status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        try (SteadyLoad load = new SteadyLoad(port, CLIENTS, SLOW)) {
            awaitWorkers(arbiter, 2);
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase("TTIN");
            Jgunicorn.kill(arbiter, "TTIN");
            awaitWorkers(arbiter, 3);
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase("TTOU");
            Jgunicorn.kill(arbiter, "TTOU");
            awaitWorkers(arbiter, 2);
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase("HUP");
            Set<Long> before = workers(arbiter);
            Jgunicorn.kill(arbiter, "HUP");
            Jgunicorn.await("a new generation of workers", LONG,
                    () -> workers(arbiter).size() == 2 && workers(arbiter).stream().noneMatch(before::contains));
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase(UPGRADE);
            Jgunicorn.kill(arbiter, "USR2");
            Path pid2 = tmp.resolve("j.pid.2");
            Jgunicorn.await("<pidfile>.2 written by the new arbiter", LONG, () -> read(pid2).matches("\\d+"));
            newArbiter = Long.parseLong(read(pid2));
            long upgraded = newArbiter;
            awaitWorkers(upgraded, 2);
            load.awaitServed(AFTER_EVENT, LONG);
            load.phase(UPGRADE_WINCH);
            Jgunicorn.kill(arbiter, "WINCH");
            // the new arbiter is a child of the old one too
            Jgunicorn.await("the old workers gone", LONG,
                    () -> workers(arbiter).stream().allMatch(pid -> pid == upgraded));
            load.awaitServed(AFTER_EVENT, LONG);
            load.phase(UPGRADE_TERM);
            Jgunicorn.kill(arbiter, "TERM");
            Jgunicorn.await("the old arbiter exits", LONG, () -> ProcessHandle.of(arbiter).isEmpty());
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase(KILL9);
            long victim = workers(upgraded).iterator().next();
            Jgunicorn.kill(victim, "KILL");
            Jgunicorn.await("a replacement", LONG,
                    () -> workers(upgraded).size() == 2 && !workers(upgraded).contains(victim));
            load.awaitServed(AFTER_EVENT, LONG);

            load.phase(STOP);
            load.refusalsExpected();
            Jgunicorn.kill(upgraded, "TERM");
            Jgunicorn.await("the arbiter exits", LONG, () -> ProcessHandle.of(upgraded).isEmpty());
            newArbiter = 0;
            load.close();
            report(workerClass, load);
            assertNoFailures(load, Set.of(KILL9), () -> serverLog(tmp.resolve("error.log")));
            assertTrue(load.counts().get(STOP).getOrDefault("refused after stop", 0L) > 0,
                    "after the stop, new connections are refused: " + load.counts());
        } finally {
            stopQuietly(arbiter);
            stopQuietly(newArbiter);
        }
    }

    /** max_requests (with jitter): workers are recycled again and again. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void recyclingByMaxRequestsLosesNothing(String workerClass) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", workerClass, "-w", "2", "--threads", "4",
                "--max-requests", "40", "--max-requests-jitter", "10", hello());
             SteadyLoad load = new SteadyLoad(j.port(), CLIENTS, SLOW)) {
            load.phase("max_requests recycling");
            Jgunicorn.await("four workers recycled", LONG, () -> load.workersSeen() >= 6);
            load.close();
            report(workerClass, load);
            assertNoFailures(load, Set.of(), () -> "\nserver output:\n" + j.output());
        }
    }

    /** max_worker_memory below any JVM's size: every worker is recycled soon after it starts serving. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void recyclingByMemoryLosesNothing(String workerClass) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", workerClass, "-w", "2", "--threads", "4",
                "--max-worker-memory", "1", hello());
             SteadyLoad load = new SteadyLoad(j.port(), CLIENTS, SLOW)) {
            load.phase("max_worker_memory recycling");
            Jgunicorn.await("three workers recycled", LONG, () -> load.workersSeen() >= 5);
            load.close();
            report(workerClass, load);
            assertNoFailures(load, Set.of(), () -> "\nserver output:\n" + j.output());
        }
    }

    /** A WAR replaced in the deploy directory: the workers roll to the new version. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void deployDirectoryRedeployLosesNothing(String workerClass) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("webapps"));
        Path war = dir.resolve("ROOT.war");
        Files.copy(Path.of(hello()), war);
        try (Jgunicorn j = Jgunicorn.start("-k", workerClass, "-w", "2", "--threads", "4",
                "--deploy-dir", dir.toString(), "--deploy-scan-interval", "0.2");
             SteadyLoad load = new SteadyLoad(j.port(), CLIENTS, SLOW)) {
            Jgunicorn.await("the WAR deployed", LONG, () -> Files.exists(dir.resolve("ROOT.war.deployed")));
            load.awaitServed(AFTER_EVENT, LONG);
            for (int round = 1; round <= 2; round++) {
                load.phase("deploy-directory redeploy");
                Set<Long> before = workers(j.pid());
                Path next = tmp.resolve("next.war");
                Files.copy(Path.of(hello()), next, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(next, FileTime.fromMillis(System.currentTimeMillis() + round * 2000L));
                Files.move(next, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Jgunicorn.await("the workers rolled", LONG,
                        () -> workers(j.pid()).size() == 2 && workers(j.pid()).stream().noneMatch(before::contains));
                load.awaitServed(AFTER_EVENT, LONG);
            }
            load.close();
            report(workerClass, load);
            assertNoFailures(load, Set.of(), () -> "\nserver output:\n" + j.output());
        }
    }

    // --- helpers -------------------------------------------------------------------------

    private static void report(String workerClass, SteadyLoad load) {
        StringBuilder b = new StringBuilder("lifecycle under load, -k " + workerClass + ":");
        load.counts().forEach((phase, counts) -> b.append("\n  ").append(phase).append(": ")
                .append(counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))));
        System.out.println(b);
    }

    /** Every phase but the {@code exempt} ones (reported, not held to zero) has no failure. */
    /** The server's log without the access lines, for a failure's message. */
    private static String serverLog(Path errorLog) {
        try {
            return "\nserver log:\n" + Files.readAllLines(errorLog).stream()
                    .filter(l -> !l.contains("\"GET /")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "\n(no server log: " + e + ")";
        }
    }

    private static void assertNoFailures(SteadyLoad load, Set<String> exempt, java.util.function.Supplier<String> log) {
        List<String> failed = new ArrayList<>();
        load.counts().forEach((phase, counts) -> {
            if (!exempt.contains(phase) && load.failures(phase) > 0) {
                failed.add(phase + ": " + counts);
            }
        });
        assertTrue(failed.isEmpty(), () -> "requests lost: " + failed + "; the first ones: " + load.failureLog() + log.get());
    }

    private static Set<Long> workers(long arbiter) {
        return Set.copyOf(Jgunicorn.workerPids(arbiter));
    }

    private static void awaitWorkers(long arbiter, int n) {
        Jgunicorn.await(n + " workers of arbiter " + arbiter, LONG, () -> workers(arbiter).size() == n);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void stopQuietly(long pid) {
        if (pid != 0 && ProcessHandle.of(pid).isPresent()) {
            try {
                Jgunicorn.kill(pid, "INT");
                Jgunicorn.await("arbiter " + pid + " exits", LONG, () -> ProcessHandle.of(pid).isEmpty());
            } catch (IOException | InterruptedException | AssertionError e) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
