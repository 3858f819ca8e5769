package io.jgunicorn.container.testkit;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.http.MemoryTransport;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * RawHttp.Response p = RawHttp.send(app, RawRequest.of("POST", "/app/echo").body("abc"));
 * assertEquals(200, r.status());
 * }</pre>
 *
 * <p>The connection serves every request in the bytes (keep-alive), then sees the end of input and
 * closes; {@link #sendAll} returns every response. An asynchronous request is waited for as the
 * connection waits for it (the response is whole when {@code send} returns), but only for
 * {@link #DEADLINE_SECONDS}: a request that never completes fails the test instead of hanging it.
 * Settings are {@code config.Settings}' defaults unless given. The connection's peer is
 * 127.0.0.1:40000, its local address 127.0.0.1:8000, its id {@code raw-1}.
 */
public final class RawHttp {

    /** How long a connection may take to serve what it was sent (an async request that never completes). */
    public static final int DEADLINE_SECONDS = 30;

    private RawHttp() {}

    /** Serves {@code request} (one request) and returns its response. */
    public static Response send(HttpApplication app, String request) {
        return first(sendAll(app, request, Map.of()), request.lines().findFirst().orElse(""));
    }

    /** Serves {@code request} on a connection of its own (TLS if it says so) and returns its response. */
    public static Response send(HttpApplication app, RawRequest request) {
        return first(sendAll(app, Map.of(), request), request.toString());
    }

    /** Serves every request in {@code requests} on one connection; the responses in order. */
    public static List<Response> sendAll(HttpApplication app, String requests, Map<String, String> settings) {
        byte[] raw = exchange(app, requests.getBytes(StandardCharsets.ISO_8859_1), settings);
        return Response.parseAll(raw, requests.startsWith("HEAD "));
    }

    /**
     * Serves {@code requests} one after the other on one connection (TLS if the first says so); the
     * responses in order. A HEAD's response is read without a body, whatever its headers say.
     */
    public static List<Response> sendAll(HttpApplication app, Map<String, String> settings, RawRequest... requests) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] heads = new boolean[requests.length];
        for (int i = 0; i < requests.length; i++) {
            bytes.writeBytes(requests[i].bytes());
            heads[i] = requests[i].method().equals("HEAD");
        }
        byte[] raw = exchange(app, bytes.toByteArray(), settings, requests.length == 0 ? null : requests[0].tlsChain());
        return Response.parseAll(raw, heads);
    }

    /** The raw bytes the connection wrote for {@code requestBytes}. */
    public static byte[] exchange(HttpApplication app, byte[] requestBytes, Map<String, String> settings) {
        return exchange(app, requestBytes, settings, null);
    }

    private static byte[] exchange(HttpApplication app, byte[] requestBytes, Map<String, String> settings,
                                   Certificate[] tlsChain) {
        MemoryTransport t = new MemoryTransport(List.of(requestBytes));
        if (tlsChain != null) {
            t.tls(tlsChain);
        }
        Http1Settings s = Http1Settings.from(Config.defaults().withText(settings));
        Http1Connection connection = new Http1Connection(t, app, new QuietLifecycle(), s, "raw-1", true, () -> { });
        Throwable[] failure = new Throwable[1];
        Thread serving = Thread.ofVirtual().name("raw-http").start(() -> {
            try {
                connection.serve();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        try {
            if (!serving.join(java.time.Duration.ofSeconds(DEADLINE_SECONDS))) {
                connection.close();
                serving.interrupt();
                throw new AssertionError("the connection did not finish within " + DEADLINE_SECONDS
                        + " s (an asynchronous request never completed?); written so far:\n"
                        + new String(t.output(), StandardCharsets.ISO_8859_1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the connection was serving", e);
        }
        if (failure[0] != null) {
            throw new AssertionError("the connection failed", failure[0]);
        }
        return t.output();
    }

    /** A GET with a Host header, as a client sends it. */
    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private static Response first(List<Response> all, String request) {
        if (all.isEmpty()) {
            throw new AssertionError("no response to " + request);
        }
        return all.getFirst();
    }

    /**
     * One parsed response. Header names are looked up without regard to case; repeated headers keep
     * every value. {@code body} is de-chunked; {@code trailers} are those after a chunked body (else
     * empty); {@code wire} is the response exactly as it was sent (ISO-8859-1 text), head and framing.
     */
    public record Response(int status, String reason, Map<String, List<String>> headers, byte[] body,
                           Map<String, List<String>> trailers, String wire) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.getFirst();
        }

        /** Every value of header {@code name}. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The first value of trailer {@code name}, or null. */
        public String trailer(String name) {
            List<String> v = trailers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.getFirst();
        }

        /** The body as UTF-8 text (de-chunked). */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The response head as sent: status line and header lines, without the empty line. */
        public String head() {
            return wire.substring(0, wire.indexOf("\r\n\r\n"));
        }

        @Override
        public String toString() {
            return wire.length() > 2000 ? wire.substring(0, 2000) + "..." : wire;
        }

        public static List<Response> parseAll(byte[] raw) {
            return parseAll(raw, false);
        }

        /** {@code head}: the responses answer HEAD requests, so none has a body whatever its headers say. */
        public static List<Response> parseAll(byte[] raw, boolean head) {
            return new Parser(raw).all(i -> head);
        }

        /** {@code heads[i]}: the i-th response answers a HEAD request (responses past the array do not). */
        public static List<Response> parseAll(byte[] raw, boolean[] heads) {
            return new Parser(raw).all(i -> i < heads.length && heads[i]);
        }
    }

    /** Reads responses off the bytes one after the other, by their framing. */
    private static final class Parser {
        private final byte[] raw;
        private final String s;
        private int pos;

        Parser(byte[] raw) {
            this.raw = raw;
            this.s = new String(raw, StandardCharsets.ISO_8859_1);
        }

        List<Response> all(java.util.function.IntPredicate head) {
            List<Response> out = new ArrayList<>();
            while (pos < s.length()) {
                out.add(next(head.test(out.size())));
            }
            return out;
        }

        private Response next(boolean head) {
            int start = pos;
            int headEnd = s.indexOf("\r\n\r\n", pos);
            if (headEnd < 0) {
                throw new AssertionError("a response head without its end: " + s.substring(pos));
            }
            String[] lines = s.substring(pos, headEnd).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = Integer.parseInt(statusLine[1]);
            Map<String, List<String>> headers = fields(Arrays.asList(lines).subList(1, lines.length));
            pos = headEnd + 4;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, List<String>> trailers = Map.of();
            List<String> te = headers.getOrDefault("transfer-encoding", List.of());
            List<String> cl = headers.getOrDefault("content-length", List.of());
            if (head || status / 100 == 1 || status == 204 || status == 304) {
                // no body
            } else if (te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                trailers = chunks(body);
            } else if (!cl.isEmpty()) {
                int n = Integer.parseInt(cl.getFirst());
                body.write(raw, pos, n);
                pos += n;
            } else {
                body.write(raw, pos, s.length() - pos); // close-delimited
                pos = s.length();
            }
            return new Response(status, statusLine.length > 2 ? statusLine[2] : "", headers, body.toByteArray(),
                    trailers, s.substring(start, pos));
        }

        /** A chunked body into {@code body}; returns its trailers. */
        private Map<String, List<String>> chunks(ByteArrayOutputStream body) {
            while (true) {
                int lineEnd = s.indexOf("\r\n", pos);
                String size = s.substring(pos, lineEnd);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                pos = lineEnd + 2;
                if (n == 0) {
                    List<String> lines = new ArrayList<>();
                    for (int end = s.indexOf("\r\n", pos); end != pos; end = s.indexOf("\r\n", pos)) {
                        lines.add(s.substring(pos, end)); // trailers until the empty line
                        pos = end + 2;
                    }
                    pos += 2;
                    return fields(lines);
                }
                body.write(raw, pos, n);
                pos += n + 2;
            }
        }

        private static Map<String, List<String>> fields(List<String> lines) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                fields.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
            return fields;
        }
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
