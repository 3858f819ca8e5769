package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.HttpApplication;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same ordinary requests over a real loopback socket, once per worker class. */
class WorkerSocketTest {

    static final HttpApplication ECHO = ex -> {
        byte[] body = ex.requestBody().readAllBytes();
        String text = ex.method() + " " + ex.uri().getPath() + " " + body.length + " "
                + new String(body, StandardCharsets.UTF_8) + " " + ex.remoteAddress().getAddress().getHostAddress();
        ex.responseHeaders().put("Content-Type", "text/plain");
        ex.responseBody().write(text.getBytes(StandardCharsets.UTF_8));
    };

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void servesGetAndPost(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, ECHO)) {
            try (SocketClient c = w.client()) {
                var r = c.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
                assertEquals(200, r.status());
                assertEquals("GET /hello 0  127.0.0.1", r.body());
            }
            try (SocketClient c = w.client()) {
                var r = c.exchange("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
                assertEquals("POST /p 5 hello 127.0.0.1", r.body());
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
            w.stop(true);
            assertTrue(w.lifecycle.alive.get() > 0, "heartbeat");
            assertEquals(2, w.lifecycle.ended.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void keepsConnectionsAliveAndServesChunkedBodies(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, ECHO); SocketClient c = w.client()) {
            for (int i = 0; i < 3; i++) {
                var r = c.exchange("POST /k HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
                assertEquals("POST /k 2 ab 127.0.0.1", r.body());
                assertEquals(null, r.header("Connection"));
            }
            c.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("GET /a 0  127.0.0.1", c.read().body());
            assertEquals("GET /b 0  127.0.0.1", c.read().body());
        }
    }

    /**
     * The waits of a served connection: the rest of a body that arrives only once the application
     * reads, and a response larger than the socket buffers to a client that reads slowly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void aLateBodyAndASlowReaderAreWaitedFor(String workerClass) throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        int size = 8 << 20;
        HttpApplication app = ex -> {
            reading.countDown();
            byte[] body = ex.requestBody().readAllBytes();
            byte[] big = new byte[size];
            for (int i = 0; i < size; i++) {
                big[i] = body[i % body.length];
            }
            ex.responseBody().write(big);
        };
        try (RunningWorker w = new RunningWorker(workerClass, app);
             SocketClient c = new SocketClient(w.address(), 4096)) {
            c.send("POST /late HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nab");
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the application started reading the body");
            c.send("cd");
            var r = c.read();
            assertEquals(200, r.status());
            assertEquals(size, r.body().length());
            assertEquals("abcdabcd", r.body().substring(0, 8));
            assertEquals("abcd", r.body().substring(size - 4));
            if (!workerClass.equals("sync")) {
                assertEquals(200, c.exchange("GET /after HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nz").status(),
                        "the connection is kept after both waits");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync"})
    void syncClosesAfterEveryResponse(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, ECHO); SocketClient c = w.client()) {
            var r = c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void badRequestIsAnsweredAndTheWorkerKeepsServing(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, ECHO)) {
            try (SocketClient c = w.client()) {
                var r = c.exchange("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
                assertEquals(400, r.status());
                assertEquals("close", r.header("Connection"));
            }
            try (SocketClient c = w.client()) {
                assertEquals(200, c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").status());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void retiresAfterTheLifecycleRefusesMoreRequests(String workerClass) throws Exception {
        var lifecycle = new io.jgunicorn.container.http.TestLifecycle(1);
        try (RunningWorker w = new RunningWorker(workerClass, ECHO, java.util.Map.of(), lifecycle);
             SocketClient c = w.client()) {
            var r = c.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            w.done.get(10, TimeUnit.SECONDS);
        }
    }
}
