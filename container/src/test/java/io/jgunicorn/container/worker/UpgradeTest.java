package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.http.TestLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.UpgradedConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code HttpExchange.upgrade}: the 101, then raw bytes on a connection that left HTTP. */
class UpgradeTest {

    static final String UPGRADE = "GET /echo HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n";

    /** Echoes bytes without holding a thread between them (whenReadable), until the peer closes. */
    static void echoNonBlocking(UpgradedConnection c) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (true) {
                int n = c.read(buf.clear());
                if (n < 0) {
                    c.close();
                    return;
                }
                if (n == 0) {
                    c.whenReadable(() -> echoNonBlocking(c));
                    return;
                }
                c.writeBlocking(buf.flip(), 5000);
            }
        } catch (IOException e) {
            c.close();
        }
    }

    static void echoBlocking(UpgradedConnection c) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (c.readBlocking(buf.clear()) > 0) {
                c.writeBlocking(buf.flip(), 5000);
            }
        } catch (IOException e) {
            // closed
        }
        c.close();
    }

    static HttpApplication upgrading(boolean blocking, CountDownLatch shutdownSeen) {
        return upgrading(blocking, shutdownSeen, () -> { });
    }

    /** {@code told} runs first in onShutdown, before the connection is closed. */
    static HttpApplication upgrading(boolean blocking, CountDownLatch shutdownSeen, Runnable told) {
        return ex -> {
            if (!"echo".equals(ex.requestHeaders().get("Upgrade"))) {
                ex.responseBody().write("plain".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try {
                ex.upgrade(c -> {
                    c.onShutdown(() -> {
                        told.run();
                        shutdownSeen.countDown();
                        c.close();
                    });
                    if (blocking) {
                        echoBlocking(c);
                    } else {
                        echoNonBlocking(c);
                    }
                });
            } catch (UnsupportedOperationException refused) {
                ex.setStatus(501);
                ex.responseBody().write(refused.getMessage().getBytes(StandardCharsets.US_ASCII));
                return;
            }
            ex.setStatus(101);
            ex.responseHeaders().put("Upgrade", "echo");
        };
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static String readN(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread-nb", "gthread-b", "virtual-nb", "virtual-b", "async-nb", "async-b"})
    void upgradedConnectionEchoesBytesThatFollowedTheHeadAndLater(String variant) throws Exception {
        String workerClass = variant.substring(0, variant.indexOf('-'));
        boolean blocking = variant.endsWith("-b");
        try (RunningWorker w = new RunningWorker(workerClass, upgrading(blocking, new CountDownLatch(1)));
             Socket s = new Socket("127.0.0.1", w.address().getPort())) {
            s.setSoTimeout(10_000);
            // the first bytes of the new protocol come in the same packet as the request head
            s.getOutputStream().write((UPGRADE + "early").getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.contains("Connection: Upgrade\r\n"), head);
            assertTrue(head.contains("Upgrade: echo\r\n"), head);
            assertTrue(!head.toLowerCase().contains("content-length") && !head.toLowerCase().contains("transfer-encoding"), head);
            assertEquals("early", readN(s.getInputStream(), 5));
            for (int i = 0; i < 3; i++) {
                byte[] big = ("x".repeat(20_000) + i).getBytes(StandardCharsets.ISO_8859_1);
                s.getOutputStream().write(big);
                assertEquals(new String(big, StandardCharsets.ISO_8859_1), readN(s.getInputStream(), big.length));
            }
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "closed when the peer closed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void upgradedConnectionCountsAgainstWorkerConnections(String workerClass) throws Exception {
        Map<String, String> one = Map.of("worker_connections", "1", "threads", "2");
        try (RunningWorker w = new RunningWorker(workerClass, upgrading(false, new CountDownLatch(1)), one, new TestLifecycle());
             Socket ws = new Socket("127.0.0.1", w.address().getPort())) {
            ws.setSoTimeout(10_000);
            ws.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(ws.getInputStream()).startsWith("HTTP/1.1 101 "));
            try (Socket plain = new Socket("127.0.0.1", w.address().getPort())) {
                plain.setSoTimeout(700);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                boolean answered;
                try {
                    answered = plain.getInputStream().read() >= 0;
                } catch (SocketTimeoutException waiting) {
                    answered = false; // still in the accept queue: the upgraded connection holds the only slot
                }
                assertTrue(!answered, "a second connection waits while the upgraded one is open");
                ws.close();
                plain.setSoTimeout(10_000);
                assertTrue(readHead(plain.getInputStream()).startsWith("HTTP/1.1 200 "), "served once the upgraded one closed");
            }
        }
    }

    /**
     * A graceful stop tells the upgraded connection (onShutdown) once the listeners are released and
     * while the worker still runs; the protocol closes it, and the worker ends because nothing is
     * left, long before its graceful timeout (ten minutes here) could have ended it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void gracefulStopTellsTheUpgradedProtocolAndEnds(String workerClass) throws Exception {
        CountDownLatch shutdownSeen = new CountDownLatch(1);
        List<String> whenTold = new CopyOnWriteArrayList<>();
        AtomicReference<RunningWorker> running = new AtomicReference<>();
        HttpApplication app = upgrading(false, shutdownSeen, () -> {
            RunningWorker w = running.get();
            whenTold.add(w.listener.isOpen() ? "listener still open" : "listener released");
            whenTold.add(w.done.isDone() ? "worker ended" : "worker running");
        });
        try (RunningWorker w = new RunningWorker(workerClass, app, Map.of("graceful_timeout", "600"), new TestLifecycle());
             Socket s = new Socket("127.0.0.1", w.address().getPort())) {
            running.set(w);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
            w.worker.shutdown(true);
            assertEquals(-1, s.getInputStream().read(), "closed by the protocol when told");
            assertTrue(shutdownSeen.await(30, TimeUnit.SECONDS), "onShutdown called");
            assertEquals(List.of("listener released", "worker running"), whenTold);
            // a bound against a hang only: with a graceful timeout of ten minutes, the worker ends
            // here only because its last connection closed
            w.done.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A protocol that closes its connection at once (as a WebSocket endpoint does with a 1002 for
     * bad bytes that came with the head) may close it before the serving thread has handed it over:
     * it is counted out all the same, so its worker_connections slot is free again and a leaving
     * worker does not wait for it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void upgradedConnectionsClosedAtOnceFreeTheirSlots(String workerClass) throws Exception {
        HttpApplication closesAtOnce = ex -> {
            if (!"echo".equals(ex.requestHeaders().get("Upgrade"))) {
                ex.responseBody().write("plain".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            ex.upgrade(UpgradedConnection::close);
            ex.setStatus(101);
            ex.responseHeaders().put("Upgrade", "echo");
        };
        Map<String, String> settings = Map.of("worker_connections", "2", "threads", "2", "graceful_timeout", "600");
        try (RunningWorker w = new RunningWorker(workerClass, closesAtOnce, settings, new TestLifecycle())) {
            for (int i = 0; i < 50; i++) {
                try (Socket s = new Socket("127.0.0.1", w.address().getPort())) {
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
                    assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
                    assertEquals(-1, s.getInputStream().read(), "closed by the protocol");
                }
            }
            try (Socket plain = new Socket("127.0.0.1", w.address().getPort())) {
                plain.setSoTimeout(30_000);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertTrue(readHead(plain.getInputStream()).startsWith("HTTP/1.1 200 "), "a slot is free for it");
            }
            w.worker.shutdown(true);
            // a bound against a hang only: the graceful timeout is ten minutes, nothing is left open
            w.done.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void syncRefusesUpgrades() throws Exception {
        try (RunningWorker w = new RunningWorker("sync", upgrading(false, new CountDownLatch(1)));
             Socket s = new Socket("127.0.0.1", w.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 501 "), head);
            assertTrue(head.contains("Connection: close"), head);
        }
    }
}
