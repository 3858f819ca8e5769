package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arbiter's signals, sent for real to a real jgunicorn. */
class SignalsTest {

    static final Pattern BOOTING = Pattern.compile("Booting worker with pid: (\\d+)");
    static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    static long workerPid(int port) throws IOException {
        return Long.parseLong(Http.get(port, "/").header("X-Worker-Pid"));
    }

    /** Starts a request on its own thread; the future holds its response. */
    static CompletableFuture<Http.Response> async(int port, String target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(port, target);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void killedWorkerIsReplacedAndQueuedConnectionsAreServed() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        try (Jgunicorn j = Jgunicorn.startWithHooks(hooks, "-w", "1", hello())) {
            int port = j.port();
            long first = workerPid(port);
            // the only worker is busy: these connections wait in the arbiter's accept queue
            CompletableFuture<Http.Response> busy = async(port, "/sleep?ms=3000");
            Jgunicorn.awaitHook(hooks, "pre_request " + first + " GET /sleep");
            List<Socket> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket s = Http.connect(port);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                queued.add(s);
            }
            Jgunicorn.kill(first, "KILL");
            for (Socket s : queued) {
                try (s) {
                    Http.Response r = Http.read(s.getInputStream(), false);
                    assertEquals(200, r.status());
                    assertNotEquals(first, Long.parseLong(r.header("X-Worker-Pid")), "served by the replacement");
                }
            }
            // the request the killed worker was serving is lost with it (as in Gunicorn)
            assertTrue(busy.handle((r, e) -> e != null).get(60, TimeUnit.SECONDS), "in-flight request failed");
            assertTrue(j.output().contains("was sent SIGKILL"), j.output());
        }
    }

    @Test
    void hupReplacesEveryWorkerWithoutAFailedRequest() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "2", "--graceful-timeout", "20", hello())) {
            int port = j.port();
            Jgunicorn.await("two workers", LONG, () -> j.workerPids().size() == 2);
            Set<Long> before = new HashSet<>(j.workerPids());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread load = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000 && !stop.get(); i++) {
                    try {
                        int status = Http.get(port, "/sleep?ms=5").status();
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add("status " + status);
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
            });
            Jgunicorn.await("requests flowing", LONG, () -> ok.get() > 20);
            j.signal("HUP");
            Jgunicorn.await("a new generation of two workers", LONG, () -> {
                List<Long> now = j.workerPids();
                return now.size() == 2 && now.stream().noneMatch(before::contains);
            });
            int at = ok.get();
            Jgunicorn.await("requests served by the new generation", LONG, () -> ok.get() > at + 20);
            stop.set(true);
            load.join(60_000);
            assertEquals(List.of(), failures);
            assertTrue(j.output().contains("Handling signal: hup"), j.output());
        }
    }

    @Test
    void termLetsInFlightRequestsFinishAndExitsZero() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        Jgunicorn j = Jgunicorn.startWithHooks(hooks, "--graceful-timeout", "30", hello());
        try (j) {
            int port = j.port();
            workerPid(port);
            CompletableFuture<Http.Response> slow = async(port, "/sleep?ms=1500");
            Jgunicorn.awaitHook(hooks, "pre_request");
            Jgunicorn.await("the slow request is in the worker", LONG,
                    () -> Jgunicorn.hookLines(hooks).stream().anyMatch(l -> l.contains("GET /sleep?ms=1500")));
            j.signal("TERM");
            Http.Response r = slow.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            assertEquals("slept 1500 ms", r.text().trim());
            assertEquals(0, j.awaitExit(LONG));
            assertTrue(j.output().contains("Handling signal: term"), j.output());
        }
    }

    @Test
    void intStopsQuickly() throws Exception {
        Path hooks = tmp.resolve("hooks.log");
        Jgunicorn j = Jgunicorn.startWithHooks(hooks, hello());
        try (j) {
            int port = j.port();
            async(port, "/sleep?ms=30000");
            Jgunicorn.awaitHook(hooks, "pre_request");
            long t0 = System.nanoTime();
            j.signal("INT");
            assertEquals(0, j.awaitExit(LONG));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(25),
                    "did not wait for the 30 s request");
            assertTrue(j.output().contains("Handling signal: int"), j.output());
            Jgunicorn.awaitHook(hooks, "worker_int");
        }
    }

    @Test
    void ttinAndTtouChangeTheWorkerCountButNeverBelowOne() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "1", hello())) {
            Jgunicorn.await("one worker", LONG, () -> j.workerPids().size() == 1);
            j.signal("TTIN");
            Jgunicorn.await("two workers", LONG, () -> j.workerPids().size() == 2);
            j.signal("TTOU");
            Jgunicorn.await("one worker again", LONG, () -> j.workerPids().size() == 1);
            j.signal("TTOU");
            j.awaitLine(Pattern.compile("Handling signal: ttou"), 0, LONG);
            Jgunicorn.await("two ttou handled", LONG, () -> j.count(Pattern.compile("Handling signal: ttou")) == 2);
            // after the second TTOU the arbiter stays at one worker
            assertEquals(200, Http.get(j.port(), "/").status());
            assertEquals(1, j.workerPids().size());
        }
    }

    @Test
    void usr1ReopensLogFilesInArbiterAndWorkers() throws Exception {
        Path log = tmp.resolve("error.log");
        Path rotated = tmp.resolve("error.log.1");
        Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--error-logfile", log.toString(),
                "--no-control-socket", hello()), java.util.Map.of(), null);
        try (j) {
            Jgunicorn.await("log file", LONG, () -> read(log).contains("Booting worker"));
            java.util.regex.Matcher m = Pattern.compile("Listening at: http://127.0.0.1:(\\d+)").matcher(read(log));
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            long worker = workerPid(port);
            Files.move(log, rotated);
            j.signal("USR1");
            Jgunicorn.await("a new log file with the arbiter's lines", LONG, () -> read(log).contains("Handling signal: usr1"));
            // the worker reopened its file too: its exit line lands in the new file
            j.signal("TERM");
            j.awaitExit(LONG);
            assertTrue(read(log).contains("Worker exiting (pid: " + worker + ")"), read(log));
            assertFalse(read(rotated).contains("Worker exiting"), read(rotated));
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void usr2StartsANewArbiterOnTheSameSocketWhichTakesOverThePidfile() throws Exception {
        Path pidfile = tmp.resolve("app.pid");
        Jgunicorn j = Jgunicorn.start("-p", pidfile.toString(), hello());
        long newArbiter = 0;
        try (j) {
            int port = j.port();
            long oldWorker = workerPid(port);
            Jgunicorn.await("pidfile", LONG, () -> read(pidfile).trim().equals(String.valueOf(j.pid())));
            j.signal("USR2");
            Path pid2 = tmp.resolve("app.pid.2");
            Jgunicorn.await("<pidfile>.2 written by the new arbiter", LONG, () -> !read(pid2).isBlank());
            newArbiter = Long.parseLong(read(pid2).trim());
            assertNotEquals(j.pid(), newArbiter);
            long na = newArbiter;
            Jgunicorn.await("the new arbiter's worker", LONG,
                    () -> ProcessHandle.of(na).map(h -> h.children().findAny().isPresent()).orElse(false));
            j.signal("TERM");
            assertEquals(0, j.awaitExit(LONG));
            Jgunicorn.await("the pidfile names the new arbiter", LONG, () -> read(pidfile).trim().equals(String.valueOf(na)));
            assertFalse(Files.exists(pid2));
            long served = workerPid(port);
            assertNotEquals(oldWorker, served);
            assertEquals(na, ProcessHandle.of(served).orElseThrow().parent().orElseThrow().pid());
        } finally {
            if (newArbiter != 0) {
                Jgunicorn.kill(newArbiter, "TERM");
                long na = newArbiter;
                Jgunicorn.await("the new arbiter exits", LONG, () -> ProcessHandle.of(na).isEmpty());
            }
        }
    }

    @Test
    void daemonDetachesAndWinchStopsWorkersKeepingTheSocket() throws Exception {
        Path pidfile = tmp.resolve("d.pid");
        Path errlog = tmp.resolve("d.log");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Jgunicorn launcher = Jgunicorn.launch(List.of("-D", "-p", pidfile.toString(), "-b", "127.0.0.1:" + port,
                "--error-logfile", errlog.toString(), "--control-socket", tmp.resolve("ctl").toString(), hello()),
                java.util.Map.of(), null);
        assertEquals(0, launcher.awaitExit(LONG), launcher.output());
        launcher.close();
        Jgunicorn.await("pidfile", LONG, () -> read(pidfile).trim().matches("\\d+"));
        long daemon = Long.parseLong(read(pidfile).trim());
        try {
            assertNotEquals(launcher.pid(), daemon);
            Jgunicorn.await("serving", LONG, () -> {
                try {
                    return Http.get(port, "/").status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            Jgunicorn.kill(daemon, "WINCH");
            Jgunicorn.await("no workers", LONG, () -> ProcessHandle.of(daemon).orElseThrow().children().findAny().isEmpty());
            // the socket stays bound: a connection is accepted by the kernel (and waits)
            try (Socket s = Http.connect(port)) {
                assertTrue(s.isConnected());
            }
            Jgunicorn.kill(daemon, "HUP");
            Jgunicorn.await("workers back after HUP", LONG, () -> {
                try {
                    return Http.get(port, "/").status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            Jgunicorn.kill(daemon, "TERM");
            Jgunicorn.await("the daemon exits", LONG, () -> ProcessHandle.of(daemon).isEmpty());
        }
    }
}
