package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.http.TestLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Concurrency, slow clients, caps, timeouts and shutdown, over loopback sockets. */
class WorkerBehaviourTest {

    /** Blocks every request until {@code gate} opens, counting how many are inside at once. */
    static HttpApplication gated(CountDownLatch inside, CountDownLatch gate) {
        return ex -> {
            inside.countDown();
            gate.await(10, TimeUnit.SECONDS);
            ex.responseBody().write("done".getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static CompletableFuture<Integer> getAsync(RunningWorker w, String path) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketClient c = w.client()) {
                return c.exchange("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").status();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void requestsRunConcurrently(String workerClass) throws Exception {
        int n = 8;
        CountDownLatch inside = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        try (RunningWorker w = new RunningWorker(workerClass, gated(inside, gate), Map.of("threads", "8"), new TestLifecycle())) {
            List<CompletableFuture<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(getAsync(w, "/" + i));
            }
            assertTrue(inside.await(10, TimeUnit.SECONDS), "all requests are inside the app at the same time");
            gate.countDown();
            for (var r : replies) {
                assertEquals(200, r.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void gthreadSlowClientHoldsNoPoolThread() throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        try (RunningWorker w = new RunningWorker("gthread", app, Map.of("threads", "1"), new TestLifecycle());
             SocketClient slow = w.client(); SocketClient fast = w.client()) {
            slow.send("GET / HTTP/1.1\r\nHost: t\r\nX-Half: "); // the head never completes
            assertEquals(200, fast.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            assertEquals(200, fast.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status(), "kept alive");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void idleKeepAliveConnectionIsClosedAfterKeepalive(String workerClass) throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("keepalive", "1"), new TestLifecycle());
             SocketClient c = w.client()) {
            assertEquals(200, c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            long start = System.nanoTime();
            assertTrue(c.closedByServer(), "closed once idle");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 500 && ms < 5000, "closed after about a second, took " + ms + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void workerConnectionsCapsOpenConnections(String workerClass) throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("worker_connections", "1", "keepalive", "30"),
                new TestLifecycle()); SocketClient first = w.client()) {
            assertEquals(200, first.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            CompletableFuture<Integer> second = getAsync(w, "/second");
            assertTrue(!waitDone(second, 700), "the second connection waits while the first is open");
            first.close();
            assertEquals(200, second.get(10, TimeUnit.SECONDS));
        }
    }

    private static boolean waitDone(CompletableFuture<?> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void gracefulShutdownFinishesTheRequestInFlight(String workerClass) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        try (RunningWorker w = new RunningWorker(workerClass, gated(inside, gate))) {
            CompletableFuture<Integer> reply = getAsync(w, "/slow");
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            w.worker.shutdown(true);
            assertTrue(!waitDone(w.done, 200), "run() waits for the request in flight");
            gate.countDown();
            assertEquals(200, reply.get(10, TimeUnit.SECONDS));
            w.done.get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void gracefulShutdownClosesIdleKeepAliveConnections(String workerClass) throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("keepalive", "60"), new TestLifecycle());
             SocketClient c = w.client()) {
            assertEquals(200, c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            w.stop(true);
            assertTrue(c.closedByServer());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void asyncExchangeCompletesFromAnotherThread(String workerClass) throws Exception {
        HttpApplication app = ex -> {
            var handle = ex.startAsync();
            Thread.ofVirtual().start(() -> {
                try {
                    ex.responseBody().write("later".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                handle.complete();
            });
        };
        try (RunningWorker w = new RunningWorker(workerClass, app); SocketClient c = w.client()) {
            assertEquals("later", c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").body());
            assertEquals("later", c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "async"})
    void asyncExchangeReleasesItsThread(String workerClass) throws Exception {
        var handles = new java.util.concurrent.LinkedBlockingQueue<io.jgunicorn.container.spi.HttpExchange.AsyncHandle>();
        CountDownLatch inside = new CountDownLatch(2);
        HttpApplication app = ex -> {
            ex.responseBody().write('a');
            handles.add(ex.startAsync());
            inside.countDown();
        };
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("threads", "1"), new TestLifecycle())) {
            CompletableFuture<Integer> one = getAsync(w, "/1");
            CompletableFuture<Integer> two = getAsync(w, "/2");
            assertTrue(inside.await(10, TimeUnit.SECONDS), "the second request ran while the first was pending");
            assertTrue(!waitDone(one, 100), "no response before complete()");
            handles.forEach(io.jgunicorn.container.spi.HttpExchange.AsyncHandle::complete);
            assertEquals(200, one.get(10, TimeUnit.SECONDS));
            assertEquals(200, two.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void quickShutdownClosesEverythingWithoutWaiting(String workerClass) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        try (RunningWorker w = new RunningWorker(workerClass, gated(inside, gate)); SocketClient c = w.client()) {
            c.send("GET /stuck HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            w.worker.shutdown(false);
            w.done.get(5, TimeUnit.SECONDS);
            assertTrue(c.closedByServer(), "the in-flight connection was closed");
        } finally {
            gate.countDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "async"})
    void idleKeepAliveConnectionsHoldNoThread(String workerClass) throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        List<SocketClient> idle = new ArrayList<>();
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("threads", "2", "keepalive", "60"),
                new TestLifecycle())) {
            for (int i = 0; i < 50; i++) {
                SocketClient c = w.client();
                idle.add(c);
                assertEquals(200, c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            }
            try (SocketClient another = w.client()) {
                assertEquals(200, another.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status(),
                        "50 idle keep-alive connections leave the 2 threads free");
            }
            assertEquals(200, idle.getFirst().exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
        } finally {
            for (SocketClient c : idle) {
                c.close();
            }
        }
    }

    @Test
    void syncCutsOffAStalledHeadBeforeTheArbiterWouldKillIt() throws Exception {
        HttpApplication app = ex -> ex.responseBody().write('k');
        try (RunningWorker w = new RunningWorker("sync", app, Map.of("timeout", "2"), new TestLifecycle());
             SocketClient slow = w.client()) {
            slow.send("GET / HTTP/1.1\r\nHost: t\r\n"); // never finishes its head
            long start = System.nanoTime();
            assertTrue(slow.closedByServer());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 1900, "cut off after timeout/2, took " + ms + " ms");
            try (SocketClient next = w.client()) {
                assertEquals(200, next.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            }
        }
    }
}
