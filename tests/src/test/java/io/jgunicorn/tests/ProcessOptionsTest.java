package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -p, -n, --chdir, --worker-tmp-dir, --worker-jvm-opts, --preload, --aot-cache-dir. */
class ProcessOptionsTest {

    static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    @Test
    void pidfileIsWrittenAndRemovedAndALiveOneIsRefused() throws Exception {
        Path pid = tmp.resolve("app.pid");
        Jgunicorn j = Jgunicorn.start("-p", pid.toString(), hello());
        try (j) {
            Jgunicorn.await("pidfile", LONG, () -> SignalsTest.read(pid).trim().equals(String.valueOf(j.pid())));
            // a second server with the same pidfile refuses to start while the first lives
            try (Jgunicorn second = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-p", pid.toString(),
                    hello()), Map.of(), null)) {
                assertEquals(1, second.awaitExit(LONG), second.output());
                assertTrue(second.output().contains("Already running on PID " + j.pid()), second.output());
            }
            j.signal("TERM");
            j.awaitExit(LONG);
        }
        assertTrue(!Files.exists(pid), "removed at exit");
    }

    @Test
    void stalePidfileIsReplaced() throws Exception {
        Path pid = tmp.resolve("stale.pid");
        Files.writeString(pid, "999999999\n");
        try (Jgunicorn j = Jgunicorn.start("-p", pid.toString(), hello())) {
            Jgunicorn.await("pidfile rewritten", LONG, () -> SignalsTest.read(pid).trim().equals(String.valueOf(j.pid())));
        }
    }

    @Test
    void nameShowsInPsForArbiterAndWorkers() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-n", "shop", hello())) {
            long worker = SignalsTest.workerPid(j.port());
            assertEquals("shop", Files.readString(Path.of("/proc/" + j.pid() + "/comm")).trim());
            assertEquals("shop-worker", Files.readString(Path.of("/proc/" + worker + "/comm")).trim());
        }
    }

    @Test
    void chdirResolvesTheAppAndIsTheWorkersDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("site"));
        Files.copy(Jgunicorn.exampleWar("hello"), dir.resolve("app.war"));
        try (Jgunicorn j = Jgunicorn.start("--chdir", dir.toString(), "app.war")) {
            long worker = SignalsTest.workerPid(j.port());
            assertEquals(dir.toRealPath(), Path.of("/proc/" + worker + "/cwd").toRealPath());
        }
    }

    @Test
    void workerTmpDirHoldsTheHeartbeats() throws Exception {
        Path wt = Files.createDirectories(tmp.resolve("hb"));
        try (Jgunicorn j = Jgunicorn.start("--worker-tmp-dir", wt.toString(), hello())) {
            SignalsTest.workerPid(j.port());
            try (var s = Files.walk(wt)) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".heartbeat")));
            }
            try (var s = Files.walk(wt)) {
                List<Path> settings = s.filter(p -> p.getFileName().toString().startsWith("settings-")).toList();
                assertFalse(settings.isEmpty());
                for (Path p : settings) { // they may hold keyfile_password and store passwords
                    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p)), p.toString());
                }
            }
        }
    }

    @Test
    void workerJvmOptionsReachTheWorkerJvm() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--worker-jvm-opts", "-Xmx77m -Djgunicorn.test=yes", hello())) {
            long worker = SignalsTest.workerPid(j.port());
            List<String> args = Arrays.asList(ProcessHandle.of(worker).orElseThrow().info().arguments().orElseThrow());
            assertTrue(args.contains("-Xmx77m") && args.contains("-Djgunicorn.test=yes"), args.toString());
            List<String> arbiterArgs = Arrays.asList(j.process().info().arguments().orElseThrow());
            assertTrue(!arbiterArgs.contains("-Xmx77m"), "only workers get them");
        }
    }

    @Test
    void preloadBuildsAnAotCacheThatEveryWorkerMaps() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--preload", "-w", "2", hello())) {
            j.awaitLine(Pattern.compile("Preloaded: workers share an AOT cache"), LONG);
            int port = j.port();
            // a child caught between posix_spawn and exec still shows the arbiter's command line
            Jgunicorn.await("two workers running WorkerMain", LONG, () -> j.workerPids().size() == 2
                    && j.workerPids().stream().allMatch(w -> args(w).contains("io.jgunicorn.container.worker.WorkerMain")));
            for (long w : j.workerPids()) {
                List<String> args = args(w);
                assertTrue(args.stream().anyMatch(a -> a.startsWith("-XX:AOTCache=")), args.toString());
            }
            assertEquals(200, Http.get(port, "/").status());
            String out = j.output();
            for (String noise : List.of("[warning][aot]", "Picked up JAVA_TOOL_OPTIONS", "AOTCache creation")) {
                assertFalse(out.contains(noise), "the error log holds no '" + noise + "':\n" + out);
            }
        }
    }

    @Test
    void theWorkersAotCacheIsMadeAfterAStartAndMappedByLaterWorkersAndRuns() throws Exception {
        Path store = tmp.resolve("aot");
        Path cache;
        try (Jgunicorn j = Jgunicorn.start("--aot-cache-dir", store.toString(), hello())) {
            int port = j.port();
            long first = SignalsTest.workerPid(port);
            assertFalse(args(first).stream().anyMatch(a -> a.startsWith("-XX:AOTCache=")), "there is none yet");
            j.awaitLine(Pattern.compile("AOT cache made in \\d+ ms: workers started from now on"), LONG);
            cache = onlyCache(store);
            // a worker spawned from now on maps it
            j.signal("TTIN");
            Jgunicorn.await("a second worker running WorkerMain", LONG, () -> j.workerPids().size() == 2
                    && j.workerPids().stream().allMatch(w -> args(w).contains("io.jgunicorn.container.worker.WorkerMain")));
            long second = j.workerPids().stream().filter(w -> w != first).findFirst().orElseThrow();
            assertTrue(args(second).contains("-XX:AOTCache=" + cache), args(second).toString());
            Jgunicorn.await("an answer from the worker that mapped it", LONG, () -> {
                try {
                    return SignalsTest.workerPid(port) == second;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String out = j.output();
            for (String noise : List.of("[warning][aot]", "[error][aot]", "Picked up JAVA_TOOL_OPTIONS", "AOTCache creation")) {
                assertFalse(out.contains(noise), "the error log holds no '" + noise + "':\n" + out);
            }
        }
        // the next run maps it from its first worker on, and makes no other
        try (Jgunicorn j = Jgunicorn.start("--aot-cache-dir", store.toString(), hello())) {
            long worker = SignalsTest.workerPid(j.port());
            assertTrue(args(worker).contains("-XX:AOTCache=" + cache), args(worker).toString());
            assertEquals(cache, onlyCache(store));
        }
    }

    @Test
    void anAotCacheDirectoryOthersMayWriteIsNotUsed() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Jgunicorn j = Jgunicorn.start("--aot-cache-dir", shared.toString(), hello())) {
            j.awaitLine(Pattern.compile("No AOT cache kept for the workers: " + Pattern.quote(shared.toString())
                    + " is writable by others"), LONG);
            assertEquals(200, Http.get(j.port(), "/").status());
        }
    }

    /** The one cache in the store (scratch files start with a dot). */
    private static Path onlyCache(Path store) throws java.io.IOException {
        try (var files = Files.list(store)) {
            List<Path> caches = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, caches.size(), caches.toString());
            assertTrue(caches.get(0).getFileName().toString().endsWith(".aot"), caches.toString());
            return caches.get(0);
        }
    }

    static List<String> args(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(Arrays::asList).orElse(List.of());
    }
}
