package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The concurrency the worker classes promise, shown with real connections (not a speed target). */
class ConcurrencyTest {

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual"})
    void fiftySleepingRequestsRunAtOnce(String k) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-k", k, "--threads", "64", Jgunicorn.exampleWar("hello").toString())) {
            int port = j.port();
            assertEquals(200, Http.get(port, "/").status());
            long t0 = System.nanoTime();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> all = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    all.add(clients.submit(() -> Http.get(port, "/sleep?ms=1000").status()));
                }
                for (Future<Integer> f : all) {
                    assertEquals(200, f.get());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // a server serving them one at a time needs 50 s; concurrent ones need about 1 s
            assertTrue(seconds < 15, "50 x 1 s requests took " + seconds + " s");
        }
    }

    @Test
    void asyncHoldsTenThousandIdleKeepAliveConnectionsWithoutAThreadEach() throws Throwable {
        raiseOwnFdLimit();
        int n = 10_000;
        try (Jgunicorn j = Jgunicorn.start("-k", "async", "--worker-connections", "12000", "--keep-alive", "300",
                Jgunicorn.exampleWar("hello").toString())) {
            int port = j.port();
            long worker = SignalsTest.workerPid(port);
            int threadsBefore = threads(worker);
            List<Socket> open = new ArrayList<>(n);
            try {
                byte[] req = "GET /sleep?ms=0 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                for (int batch = 0; batch < n; batch += 500) {
                    List<Socket> sockets = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        Socket s = Http.connect(port);
                        s.getOutputStream().write(req);
                        sockets.add(s);
                    }
                    for (Socket s : sockets) {
                        assertEquals(200, Http.read(s.getInputStream(), false).status());
                    }
                    open.addAll(sockets);
                }
                // every connection is open and idle in keep-alive; the worker did not grow a thread per connection
                int threadsIdle = threads(worker);
                assertTrue(threadsIdle < threadsBefore + 50,
                        n + " idle connections cost " + (threadsIdle - threadsBefore) + " threads");
                assertTrue(openSockets(worker) >= n, "the worker holds the connections");
                // and they are alive: the last one still answers
                Socket last = open.getLast();
                last.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, Http.read(last.getInputStream(), false).status());
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    void asyncRequestsAndNonBlockingReadsWaitWithoutHoldingOsThreads() throws Exception {
        int n = 200;
        try (Jgunicorn j = Jgunicorn.start("-k", "async", Jgunicorn.exampleWar("spec").toString())) {
            int port = j.port();
            assertEquals(200, Http.get(port, "/exact").status());
            long worker = j.workerPids().getFirst();
            int before = threads(worker);
            List<Socket> uploads = new ArrayList<>();
            List<Socket> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    // a ReadListener upload that stalls after its first bytes
                    Socket u = Http.connect(port);
                    u.getOutputStream().write(("POST /async/read HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n0123456789")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    uploads.add(u);
                    // a request that went async and completes in 3 s
                    Socket w = Http.connect(port);
                    w.getOutputStream().write("GET /async/later?ms=3000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    waiting.add(w);
                }
                Jgunicorn.await("the worker holds all connections", Duration.ofSeconds(30),
                        () -> {
                            try {
                                return openSockets(worker) >= 2L * n;
                            } catch (IOException e) {
                                return false;
                            }
                        });
                int during = threads(worker);
                assertTrue(during < before + 40, 2 * n + " waiting requests cost " + (during - before) + " OS threads");
                for (Socket u : uploads) {
                    u.getOutputStream().write("abcdefghij".getBytes(StandardCharsets.ISO_8859_1));
                }
                for (Socket u : uploads) {
                    assertEquals("read 20 bytes: 0123456789abcdefghij", Http.read(u.getInputStream(), false).text());
                }
                for (Socket w : waiting) {
                    assertEquals("completed after 3000 ms", Http.read(w.getInputStream(), false).text());
                }
            } finally {
                for (Socket s : uploads) {
                    s.close();
                }
                for (Socket s : waiting) {
                    s.close();
                }
            }
        }
    }

    static int threads(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("Threads:")) {
                return Integer.parseInt(l.substring(8).trim());
            }
        }
        throw new IOException("no Threads line for " + pid);
    }

    static long openSockets(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(f -> {
                try {
                    return Files.readSymbolicLink(f).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** setrlimit(RLIMIT_NOFILE, soft = hard) for this test JVM, which opens the client side. */
    static void raiseOwnFdLimit() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle get = linker.downcallHandle(linker.defaultLookup().findOrThrow("getrlimit"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle set = linker.downcallHandle(linker.defaultLookup().findOrThrow("setrlimit"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        final int rlimitNofile = 7;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lim = arena.allocate(16);
            assertEquals(0, (int) get.invokeExact(rlimitNofile, lim));
            long hard = lim.get(ValueLayout.JAVA_LONG, 8);
            lim.set(ValueLayout.JAVA_LONG, 0, hard);
            assertEquals(0, (int) set.invokeExact(rlimitNofile, lim));
            assertTrue(hard >= 12_000, "the hard fd limit (" + hard + ") is too low for 10,000 connections");
        }
    }
}
