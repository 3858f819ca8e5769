package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.ws.WsClient;
import io.jgunicorn.tests.ws.WsClient.Frame;
import io.jgunicorn.tests.ws.WsClient.Message;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code websocket} sample WAR (Tyrus over the Servlet upgrade) under each worker class that
 * holds long connections, through a raw RFC 6455 client of the test's own: echo, fragmentation,
 * a chat room's broadcast, a programmatic endpoint, protocol errors and their close codes, a raw
 * {@code HttpUpgradeHandler} protocol, and 1001 when the worker retires. {@code sync} refuses
 * upgrades with 501.
 */
class WebSocketTest {

    static final Map<String, Jgunicorn> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String war = Jgunicorn.exampleWar("websocket").toString();
        for (String k : List.of("gthread", "virtual", "async", "sync")) {
            SERVERS.put(k, Jgunicorn.start("-k", k, "-w", "1", "--graceful-timeout", "120", war));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Jgunicorn j : SERVERS.values()) {
            j.close();
        }
    }

    static int port(String workerClass) {
        return SERVERS.get(workerClass).port();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void echoesTextAndBinary(String k) throws Exception {
        try (WsClient ws = WsClient.connect(port(k), "/echo")) {
            assertEquals(101, ws.status());
            assertEquals("websocket", ws.header("Upgrade").toLowerCase());
            ws.sendText("héllo ✓");
            assertEquals("héllo ✓", ws.readMessage().text());
            byte[] bytes = WsClient.random(70_000); // a 64-bit length
            ws.send(WsClient.BINARY, bytes);
            Message m = ws.readMessage();
            assertEquals(WsClient.BINARY, m.opcode());
            assertArrayEquals(bytes, m.payload());
            ws.sendClose(1000, "bye");
            Frame close = ws.awaitClose();
            assertEquals(1000, close.closeCode(), "the close handshake is answered");
            assertTrue(ws.endOfStream(), "then the server closes the connection");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void largeFragmentedMessageWithAPingBetweenFragments(String k) throws Exception {
        try (WsClient ws = WsClient.connect(port(k), "/echo")) {
            StringBuilder all = new StringBuilder();
            int fragments = 16;
            for (int i = 0; i < fragments; i++) {
                String part = Character.toString('a' + i).repeat(64 * 1024);
                all.append(part);
                ws.send(i == fragments - 1, 0, i == 0 ? WsClient.TEXT : WsClient.CONTINUATION,
                        part.getBytes(StandardCharsets.UTF_8), true);
                if (i == 3) {
                    ws.send(WsClient.PING, "mid".getBytes(StandardCharsets.UTF_8)); // control frames may come between fragments
                }
            }
            Frame pong = ws.readFrame();
            assertEquals(WsClient.PONG, pong.opcode());
            assertEquals("mid", pong.text());
            Message echoed = ws.readMessage();
            assertEquals(all.length(), echoed.payload().length);
            assertEquals(all.toString(), echoed.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void chatRoomBroadcastsToEverySessionOfTheRoom(String k) throws Exception {
        List<WsClient> members = new ArrayList<>();
        try (WsClient other = WsClient.connect(port(k), "/chat/other-" + k, Map.of("Sec-WebSocket-Protocol", "chat.v1"))) {
            assertTrue(other.readMessage().text().startsWith("joined other-" + k));
            for (int i = 0; i < 3; i++) {
                WsClient m = WsClient.connect(port(k), "/chat/room-" + k, Map.of("Sec-WebSocket-Protocol", "x, chat.v1"));
                members.add(m);
                assertEquals("chat.v1", m.header("Sec-WebSocket-Protocol"), "subprotocol negotiated");
                assertEquals("joined room-" + k + " (" + (i + 1) + " here)", m.readMessage().text(), "path parameter");
            }
            members.get(0).sendText("ann: hello room");
            for (WsClient m : members) {
                assertEquals("ann: hello room", m.readMessage().text(), "encoded by the endpoint's encoder");
            }
            members.get(1).sendText("no colon");
            assertTrue(members.get(1).readMessage().text().startsWith("error: "), "decoder failure reported");
            members.get(2).sendText("bob: still open");
            for (WsClient m : members) {
                assertEquals("bob: still open", m.readMessage().text());
            }
            other.sendText("eve: elsewhere");
            assertEquals("eve: elsewhere", other.readMessage().text(), "only the other room hears it");
            members.get(0).sendText("ann: last");
            assertEquals("ann: last", members.get(1).readMessage().text(), "nothing from the other room came in between");
        } finally {
            for (WsClient m : members) {
                m.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void permessageDeflateIsNegotiatedAndCompressesBothWays(String k) throws Exception {
        try (WsClient ws = WsClient.connect(port(k), "/echo",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertEquals(101, ws.status());
            assertTrue(String.valueOf(ws.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate"),
                    "negotiated: " + ws.header("Sec-WebSocket-Extensions"));
            String text = "compress me ".repeat(500);
            byte[] compressed = deflate(text.getBytes(StandardCharsets.UTF_8));
            assertTrue(compressed.length < text.length() / 10);
            ws.send(true, 4, WsClient.TEXT, compressed, true); // RSV1: a compressed message
            Frame reply = ws.readFrame();
            assertEquals(4, reply.rsv(), "the echo is compressed too");
            assertEquals(text, new String(inflate(reply.payload()), StandardCharsets.UTF_8));
        }
    }

    /** RFC 7692 section 7.2.1: raw DEFLATE, sync flush, the final 00 00 ff ff removed. */
    static byte[] deflate(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH);
        d.end();
        return java.util.Arrays.copyOf(buf, n - 4);
    }

    static byte[] inflate(byte[] data) throws Exception {
        java.util.zip.Inflater i = new java.util.zip.Inflater(true);
        byte[] in = java.util.Arrays.copyOf(data, data.length + 4);
        in[data.length + 2] = (byte) 0xff;
        in[data.length + 3] = (byte) 0xff;
        i.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = i.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        i.end();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void programmaticEndpointWithConfigurator(String k) throws Exception {
        try (WsClient ws = WsClient.connect(port(k), "/reverse", Map.of("X-Prefix", "pre-"))) {
            assertEquals(101, ws.status());
            ws.sendText("abc");
            assertEquals("pre-cba", ws.readMessage().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void protocolErrorsCloseWithTheirCodes(String k) throws Exception {
        int port = port(k);
        try (WsClient ws = WsClient.connect(port, "/echo")) {
            ws.send(true, 0, WsClient.TEXT, "unmasked".getBytes(StandardCharsets.UTF_8), false);
            assertEquals(1002, ws.awaitClose().closeCode(), "client frames must be masked");
        }
        try (WsClient ws = WsClient.connect(port, "/echo")) {
            ws.send(WsClient.TEXT, new byte[] {'o', 'k', (byte) 0xc3, (byte) 0x28});
            assertEquals(1007, ws.awaitClose().closeCode(), "invalid UTF-8 in a text message");
        }
        try (WsClient ws = WsClient.connect(port, "/limited")) {
            ws.sendText("hello");
            assertEquals("5", ws.readMessage().text());
            ws.sendText("x".repeat(2000));
            assertEquals(1009, ws.awaitClose().closeCode(), "over maxMessageSize (1 KiB)");
        }
        try (WsClient ws = WsClient.connect(port, "/echo")) {
            ws.send(false, 0, WsClient.PING, "frag".getBytes(StandardCharsets.UTF_8), true);
            assertEquals(1002, ws.awaitClose().closeCode(), "control frames must not be fragmented");
        }
        try (WsClient ws = WsClient.connect(port, "/echo")) {
            ws.send(true, 0, 3, new byte[0], true);
            assertEquals(1002, ws.awaitClose().closeCode(), "reserved opcode");
        }
        try (WsClient ws = WsClient.connect(port, "/echo")) {
            ws.send(WsClient.PING, "are you there".getBytes(StandardCharsets.UTF_8));
            Frame pong = ws.readFrame();
            assertEquals(WsClient.PONG, pong.opcode());
            assertEquals("are you there", pong.text());
            ws.sendText("and still echoing");
            assertEquals("and still echoing", ws.readMessage().text(), "the worker survived the errors above");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void rawUpgradeHandlerEchoesNonBlockingAndBlocking(String k) throws Exception {
        for (String query : List.of("", "?mode=blocking")) {
            try (Socket s = new Socket("127.0.0.1", port(k))) {
                s.setSoTimeout(15_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(("GET /raw" + query + " HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                assertTrue(head.contains("Upgrade: echo"), head);
                byte[] data = WsClient.random(300_000);
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        out.write(data); // written while the echo comes back: neither side may wait for the other
                    } catch (Exception e) {
                        // the read below fails then
                    }
                });
                assertArrayEquals(data, in.readNBytes(data.length), "echoed " + (query.isEmpty() ? "non-blocking" : "blocking"));
                writer.join();
                s.shutdownOutput();
                assertEquals(-1, in.read(), "closed after the peer closed");
            }
        }
    }

    @Test
    void syncRefusesTheUpgradeWith501() throws Exception {
        try (WsClient ws = WsClient.connect(port("sync"), "/echo")) {
            assertEquals(501, ws.status());
        }
        try (WsClient plain = WsClient.connect(port("sync"), "/index.html", Map.of("Sec-WebSocket-Key", ""))) {
            assertTrue(plain.status() == 200 || plain.status() == 400, "ordinary requests still served");
        }
    }

    /**
     * HUP: the old worker says 1001 to its WebSocket sessions at the start of its drain. That it is
     * the start is seen by order, not by time: a raw upgraded connection (whose protocol has no
     * goodbye, so it stays open until the graceful timeout) still echoes on the old worker after the
     * 1001 came, and the old worker ends only once that connection closes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void retiringWorkerClosesSessionsWith1001AndANewWorkerServes(String k) throws Exception {
        Jgunicorn j = SERVERS.get(k);
        List<Long> old = j.workerPids();
        try (Socket raw = rawUpgrade(port(k)); WsClient ws = WsClient.connect(port(k), "/echo")) {
            ws.sendText("before");
            assertEquals("before", ws.readMessage().text());
            assertEquals("first", rawEcho(raw, "first"));
            long booted = j.count(Pattern.compile("Booting worker with pid"));
            j.signal("HUP");
            Frame close = ws.awaitClose();
            assertEquals(1001, close.closeCode(), "going away");
            assertTrue(j.count(Pattern.compile("Booting worker with pid")) > booted, "a new worker was started first");
            assertEquals("still draining", rawEcho(raw, "still draining"),
                    "the 1001 came while the old worker still served: at the start of its drain");
        }
        Jgunicorn.await("the old worker's exit once its last connection closed (graceful timeout 120 s)",
                Duration.ofSeconds(60), () -> old.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        try (WsClient again = WsClient.connect(port(k), "/echo")) {
            again.sendText("after");
            assertEquals("after", again.readMessage().text(), "the client reconnects to the new worker");
        }
    }

    /** A connection upgraded to the sample's raw echo protocol (non-blocking). */
    static Socket rawUpgrade(int port) throws java.io.IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(15_000);
        s.getOutputStream().write("GET /raw HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(s.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        return s;
    }

    static String rawEcho(Socket s, String text) throws java.io.IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        s.getOutputStream().write(b);
        return new String(s.getInputStream().readNBytes(b.length), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "async"})
    void echoOverTls(String k, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TlsFiles.opensslAvailable(), "the openssl command makes the test keys");
        TlsFiles files = new TlsFiles(dir);
        files.rsa();
        try (Jgunicorn j = Jgunicorn.start("-k", k, "-w", "1", "--certfile", files.path("rsa.crt").toString(),
                "--keyfile", files.path("rsa8.pem").toString(), Jgunicorn.exampleWar("websocket").toString());
             WsClient ws = WsClient.connect(files.client("rsa.crt", false).getSocketFactory().createSocket("127.0.0.1", j.port()),
                     j.port(), "/echo", Map.of())) {
            assertEquals(101, ws.status());
            for (int size : new int[] {5, 40_000, 300_000}) { // more than one TLS record each way
                String text = "t".repeat(size);
                ws.sendText(text);
                assertEquals(text, ws.readMessage().text());
            }
            ws.sendClose(1000, "");
            assertEquals(1000, ws.awaitClose().closeCode());
        }
    }

    static String readHead(InputStream in) throws java.io.IOException {
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
}
