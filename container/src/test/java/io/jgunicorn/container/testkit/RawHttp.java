package io.jgunicorn.container.testkit;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.http.Http1Transport;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 through the container's real connection and exchange, in memory: request bytes in,
 * response bytes out, no socket and no worker. For the bridge's and the loader's tests, so that what
 * they test is what a client gets (the container's framing, headers, error answers), not a copy of
 * the exchange that could drift from it.
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.send(app, "GET /app/hello HTTP/1.1\r\nHost: t\r\n\r\n");
 * assertEquals(200, r.status());
 * }</pre>
 *
 * <p>The connection serves every request in the bytes (keep-alive), then sees the end of input and
 * closes; {@link #sendAll} returns every response. Settings are {@code config.Settings}' defaults
 * unless given.
 */
public final class RawHttp {

    private RawHttp() {}

    /** Serves {@code request} (one request) and returns its response. */
    public static Response send(HttpApplication app, String request) {
        List<Response> all = sendAll(app, request, Map.of());
        if (all.isEmpty()) {
            throw new AssertionError("no response to " + request.lines().findFirst().orElse(""));
        }
        return all.getFirst();
    }

    /** Serves every request in {@code requests} on one connection; the responses in order. */
    public static List<Response> sendAll(HttpApplication app, String requests, Map<String, String> settings) {
        byte[] raw = exchange(app, requests.getBytes(StandardCharsets.ISO_8859_1), settings);
        return requests.startsWith("HEAD ") ? Response.parseAll(raw, true) : Response.parseAll(raw);
    }

    /** The raw bytes the connection wrote for {@code requestBytes}. */
    public static byte[] exchange(HttpApplication app, byte[] requestBytes, Map<String, String> settings) {
        Memory t = new Memory(requestBytes);
        Http1Settings s = Http1Settings.from(Config.defaults().withText(settings));
        new Http1Connection(t, app, new QuietLifecycle(), s, "raw-1", true, () -> { }).serve();
        return t.out.toByteArray();
    }

    /** A GET with a Host header, as a client sends it. */
    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** One parsed response. Header names are looked up without regard to case; repeated headers keep every value. */
    public record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.getFirst();
        }

        /** Every value of header {@code name}. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The body as UTF-8 text (de-chunked). */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public static List<Response> parseAll(byte[] raw) {
            return parseAll(raw, false);
        }

        /** {@code head}: the responses answer HEAD requests, so none has a body whatever its headers say. */
        public static List<Response> parseAll(byte[] raw, boolean head) {
            String s = new String(raw, StandardCharsets.ISO_8859_1);
            List<Response> out = new ArrayList<>();
            int pos = 0;
            while (pos < s.length()) {
                int headEnd = s.indexOf("\r\n\r\n", pos);
                if (headEnd < 0) {
                    throw new AssertionError("a response head without its end: " + s.substring(pos));
                }
                String[] lines = s.substring(pos, headEnd).split("\r\n");
                String[] statusLine = lines[0].split(" ", 3);
                int status = Integer.parseInt(statusLine[1]);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
                }
                pos = headEnd + 4;
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                List<String> te = headers.getOrDefault("transfer-encoding", List.of());
                List<String> cl = headers.getOrDefault("content-length", List.of());
                if (head || status / 100 == 1 || status == 204 || status == 304) {
                    // no body
                } else if (te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                    while (true) {
                        int lineEnd = s.indexOf("\r\n", pos);
                        String size = s.substring(pos, lineEnd);
                        int semi = size.indexOf(';');
                        int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                        pos = lineEnd + 2;
                        if (n == 0) {
                            int trailersEnd = s.indexOf("\r\n", pos);
                            while (trailersEnd != pos) { // trailers until the empty line
                                pos = trailersEnd + 2;
                                trailersEnd = s.indexOf("\r\n", pos);
                            }
                            pos += 2;
                            break;
                        }
                        body.write(raw, pos, n);
                        pos += n + 2;
                    }
                } else if (!cl.isEmpty()) {
                    int n = Integer.parseInt(cl.getFirst());
                    body.write(raw, pos, n);
                    pos += n;
                } else {
                    body.write(raw, pos, s.length() - pos); // close-delimited
                    pos = s.length();
                }
                out.add(new Response(status, statusLine.length > 2 ? statusLine[2] : "", headers, body.toByteArray()));
            }
            return out;
        }
    }

    /** The connection's transport: the request bytes, then the end of input. */
    private static final class Memory implements Http1Transport {
        private final ByteBuffer in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean closed;

        Memory(byte[] request) {
            this.in = ByteBuffer.wrap(request);
        }

        @Override
        public synchronized int read(ByteBuffer dst, int timeoutMillis) {
            if (closed || !in.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), in.remaining());
            dst.put(dst.position(), in, in.position(), n).position(dst.position() + n);
            in.position(in.position() + n);
            return n;
        }

        @Override
        public synchronized void write(ByteBuffer src) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            out.writeBytes(b);
        }

        @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
        @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
        @Override public void close() { closed = true; }
    }

    /** Counts nothing and never asks the connection to stop. */
    private static final class QuietLifecycle implements WorkerLifecycle {
        @Override public void notifyAlive() {}
        @Override public boolean beginRequest() { return true; }
        @Override public void endRequest(int status, long responseBytes, long durationNanos) {}
        @Override public boolean recordsRequests() { return false; }
        @Override public boolean exitRequested() { return false; }
    }
}
