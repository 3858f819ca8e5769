package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;

/** Answers with a plain-text description of the request, body and trailers included. */
final class EchoApp implements HttpApplication {

    @Override
    public void handle(HttpExchange ex) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(ex.method()).append(' ').append(ex.uri().asString()).append(' ').append(ex.version()).append('\n');
        for (HttpField f : ex.requestHeaders()) {
            sb.append(f.getName()).append(": ").append(f.getValue()).append('\n');
        }
        byte[] body = ex.requestBody().readAllBytes();
        sb.append("body=").append(new String(body, StandardCharsets.ISO_8859_1)).append('\n');
        if (ex.requestTrailers() != null) {
            for (HttpField f : ex.requestTrailers()) {
                sb.append("trailer ").append(f.getName()).append(": ").append(f.getValue()).append('\n');
            }
        }
        sb.append("scheme=").append(ex.scheme()).append(" server=").append(ex.serverName()).append(':')
                .append(ex.serverPort()).append(" remote=").append(ex.remoteAddress().getHostString()).append('\n');
        ex.responseHeaders().put("Content-Type", "text/plain");
        ex.responseBody().write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
