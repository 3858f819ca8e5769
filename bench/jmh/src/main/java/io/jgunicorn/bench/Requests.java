package io.jgunicorn.bench;

import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The request shapes the benchmarks replay, and one keep-alive connection serving them. */
final class Requests {

    /** Requests per connection: each benchmark op is one of them (see OperationsPerInvocation). */
    static final int PIPELINED = 16;

    /** What wrk sends: the smallest useful request. */
    static final String WRK_GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n";

    /** What a browser sends: a dozen headers and a cookie. */
    static final String BROWSER_GET = """
            GET /shop/items/42?color=blue&size=m HTTP/1.1\r
            Host: shop.example.com\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
            Accept-Language: en-GB,en;q=0.5\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Referer: https://shop.example.com/shop/items\r
            Connection: keep-alive\r
            Cookie: JSESSIONID=8C2E4F1A9B7D6E5F; theme=dark; consent=yes\r
            Upgrade-Insecure-Requests: 1\r
            Sec-Fetch-Dest: document\r
            Sec-Fetch-Mode: navigate\r
            Sec-Fetch-Site: same-origin\r
            Priority: u=0, i\r
            \r
            """;

    /** An API client's JSON POST, the body read by the application. */
    static final String JSON_POST = jsonPost();

    private Requests() {}

    private static String jsonPost() {
        String body = "{\"id\":12345,\"customer\":\"ada@example.com\",\"items\":[{\"sku\":\"A-1\",\"qty\":2},"
                + "{\"sku\":\"B-22\",\"qty\":1}],\"note\":\"benchmark request body\"}";
        return "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static byte[] pipelined(String request) {
        return request.repeat(PIPELINED).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Serves every request buffered in {@code transport} on one keep-alive connection. */
    static long serve(MemoryTransport transport, HttpApplication app, Http1Settings settings) {
        new Http1Connection(transport.reset(), app, LIFECYCLE, settings, "bench", true, () -> { }).serve();
        return transport.written();
    }

    /**
     * Serves once and fails unless every pipelined request got {@code status} with a body that
     * contains {@code bodyPart}: a benchmark that measures error responses measures nothing.
     */
    static void check(MemoryTransport transport, HttpApplication app, Http1Settings settings,
                      int status, String bodyPart) {
        transport.capture();
        serve(transport, app, settings);
        String out = transport.captured();
        int answered = out.split("HTTP/1.1 " + status + " ", -1).length - 1;
        if (answered != PIPELINED || !out.contains(bodyPart)) {
            throw new IllegalStateException("expected " + PIPELINED + " x " + status + " with '" + bodyPart
                    + "', got:\n" + out.substring(0, Math.min(out.length(), 1500)));
        }
    }

    static Http1Settings defaultSettings() {
        return Http1Settings.from(Map.of());
    }

    /**
     * A worker that never refuses a request and records nothing: as a worker with no access log
     * and no metrics, which builds no request record (the default, true, made one per request).
     */
    static final WorkerLifecycle LIFECYCLE = new WorkerLifecycle() {
        @Override public boolean recordsRequests() { return false; }
        @Override public void notifyAlive() { }
        @Override public boolean beginRequest() { return true; }
        @Override public void endRequest(int status, long responseBytes, long durationNanos) { }
        @Override public boolean exitRequested() { return false; }
    };
}
