package io.jgunicorn.deploy;

import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches each request to the application mounted at the longest context path that prefixes the
 * request path on a segment boundary ({@code /api} takes {@code /api} and {@code /api/x}, never
 * {@code /apix}), like Paste's urlmap. The path is not rewritten: each application knows its own
 * context path. Nothing mounted answers 404.
 */
public final class PrefixRouter implements HttpApplication {

    private final List<Map.Entry<String, HttpApplication>> routes;

    /** @param mounts context path ("" or "/a/b") to application; closed with the router */
    public PrefixRouter(Map<String, HttpApplication> mounts) {
        List<Map.Entry<String, HttpApplication>> sorted = new ArrayList<>(new LinkedHashMap<>(mounts).entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, HttpApplication> e) -> e.getKey().length()).reversed());
        this.routes = List.copyOf(sorted);
    }

    /** The application for {@code path}, or null. */
    public HttpApplication route(String path) {
        for (var route : routes) {
            String prefix = route.getKey();
            if (prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return route.getValue();
            }
        }
        return null;
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        String path = exchange.uri().getCanonicalPath();
        HttpApplication app = route(path == null ? exchange.uri().getPath() : path);
        if (app != null) {
            app.handle(exchange);
            return;
        }
        byte[] body = "Not Found\n".getBytes(StandardCharsets.US_ASCII);
        exchange.setStatus(404);
        exchange.responseHeaders().put("Content-Type", "text/plain; charset=us-ascii");
        exchange.responseHeaders().put("Content-Length", String.valueOf(body.length));
        try (OutputStream out = exchange.responseBody()) {
            out.write(body);
        }
    }

    /** The mounted context paths, longest first. */
    @Override
    public List<String> contextPaths() {
        return routes.stream().map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        for (var route : routes.reversed()) {
            try {
                route.getValue().close();
            } catch (RuntimeException e) {
                System.getLogger(PrefixRouter.class.getName()).log(System.Logger.Level.WARNING, "closing " + route.getKey() + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "PrefixRouter" + routes.stream().map(Map.Entry::getKey).toList();
    }
}
