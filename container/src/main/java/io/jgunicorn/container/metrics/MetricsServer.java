package io.jgunicorn.container.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The arbiter's admin HTTP endpoint on {@code metrics_bind}: {@code /metrics} (Prometheus text),
 * {@code /ready} (200 while workers serve and the server is not draining, else 503) and
 * {@code /health} (200 while the arbiter is alive and its loop turns). The JDK's small HTTP server,
 * on one daemon thread: it never sees application traffic.
 */
final class MetricsServer implements AutoCloseable {

    /** A status and a text body. */
    record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static MetricsServer start(InetSocketAddress bind, Supplier<Answer> metrics, Supplier<Answer> ready,
            Supplier<Answer> health) throws IOException {
        HttpServer server = HttpServer.create(bind, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("jgunicorn-metrics").daemon().factory());
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> answer(ex, metrics));
        server.createContext("/ready", ex -> answer(ex, ready));
        server.createContext("/health", ex -> answer(ex, health));
        server.createContext("/", ex -> answer(ex, () -> new Answer(404, "text/plain; charset=utf-8",
                "not found: try /metrics, /ready or /health\n")));
        server.start();
        return new MetricsServer(server, executor);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answer(HttpExchange ex, Supplier<Answer> handler) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            Answer a = method.equals("GET") || method.equals("HEAD") ? handler.get()
                    : new Answer(405, "text/plain; charset=utf-8", "GET or HEAD only\n");
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", a.contentType());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (a.status() == 405) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
            }
            boolean head = method.equals("HEAD");
            ex.sendResponseHeaders(a.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            // a scrape must never take the arbiter down; the client sees the connection close
            org.slf4j.LoggerFactory.getLogger("jgunicorn.metrics").warn("metrics endpoint: {}", e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
