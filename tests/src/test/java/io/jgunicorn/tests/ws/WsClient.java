package io.jgunicorn.tests.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small RFC 6455 client over a plain socket, written for the tests so that they can also send
 * what a real client never would (unmasked frames, bad UTF-8, fragmented pings).
 */
public final class WsClient implements AutoCloseable {

    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;
    public static final int CONTINUATION = 0;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One frame as received. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame (1005 when it carries none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** A whole message: its opcode and its fragments' payloads joined. */
    public record Message(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> headers;

    private WsClient(Socket socket, int status, Map<String, String> headers, InputStream rawIn) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(rawIn);
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
    }

    /** Opens a connection and sends a WebSocket handshake for {@code path}; check {@link #status()}. */
    public static WsClient connect(int port, String path, Map<String, String> extraHeaders) throws IOException {
        return connect(new Socket("127.0.0.1", port), port, path, extraHeaders);
    }

    /** The handshake over a socket already connected (a TLS one, for instance). */
    public static WsClient connect(Socket s, int port, String path, Map<String, String> extraHeaders) throws IOException {
        s.setSoTimeout(15_000);
        String key = Base64.getEncoder().encodeToString(random(16));
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        InputStream raw = s.getInputStream();
        String head = readHead(raw);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                h.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
        }
        WsClient client = new WsClient(s, status, h, raw);
        if (status == 101 && !accept(key).equals(h.get("sec-websocket-accept"))) {
            client.close();
            throw new IOException("wrong Sec-WebSocket-Accept: " + h);
        }
        return client;
    }

    public static WsClient connect(int port, String path) throws IOException {
        return connect(port, path, Map.of());
    }

    /** RFC 6455 section 4.2.2: base64(SHA-1(key + GUID)). */
    public static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Socket socket() {
        return socket;
    }

    // --- sending ---------------------------------------------------------------------------

    /** Sends one frame; {@code masked} false breaks RFC 6455 (clients must mask). */
    public void send(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(mask | payload.length);
        } else if (payload.length < 65536) {
            f.write(mask | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(mask | 127);
            f.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload;
        if (masked) {
            byte[] key = random(4);
            f.writeBytes(key);
            body = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                body[i] = (byte) (payload[i] ^ key[i & 3]);
            }
        }
        f.writeBytes(body);
        out.write(f.toByteArray());
        out.flush();
    }

    public void send(int opcode, byte[] payload) throws IOException {
        send(true, 0, opcode, payload, true);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose(int code, String reason) throws IOException {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        send(CLOSE, ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array());
    }

    // --- receiving -------------------------------------------------------------------------

    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        if (len > 64L << 20) {
            throw new IOException("frame too large for a test: " + len);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0f, payload);
    }

    /** The next data message, its fragments joined; control frames before it are skipped except close. */
    public Message readMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == CLOSE) {
                return new Message(CLOSE, f.payload());
            }
            if (f.opcode() >= 8) {
                continue;
            }
            if (opcode < 0) {
                opcode = f.opcode();
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                return new Message(opcode, data.toByteArray());
            }
        }
    }

    /** Reads until a close frame (skipping data) and returns it. */
    public Frame awaitClose() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
    }

    /** True when the server closed the TCP connection (end of stream) within the socket timeout. */
    public boolean endOfStream() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
