package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.http.TestLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * For running ../shared/conformance/http-corpus.py against one worker class without the launcher:
 * {@code java -cp ... CorpusEchoServer <class> <port> [gunicorn flags]} serves the harness's JSON
 * echo application on 127.0.0.1. Flags use Gunicorn's spelling ({@code --limit-request-fields 2}).
 */
public final class CorpusEchoServer {

    private CorpusEchoServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("keepalive", "5"));
        for (int i = 2; i < args.length; i++) {
            String name = args[i].substring(2).replace('-', '_');
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            settings.put(name, hasValue ? args[++i] : name.equals("proxy_protocol") ? "auto" : "true");
        }
        ServerSocketChannel l = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 128);
        Workers.create(args[0], new WorkerContext(List.of(l), ECHO, Config.defaults().withText(settings), new TestLifecycle())).run();
    }

    static final HttpApplication ECHO = ex -> {
        byte[] body = ex.requestBody().readAllBytes();
        StringBuilder j = new StringBuilder("{");
        field(j, "method", ex.method()).append(',');
        field(j, "requestURI", ex.uri().getPath()).append(',');
        field(j, "queryString", ex.uri().getQuery()).append(',');
        field(j, "protocol", ex.version().asString()).append(',');
        j.append("\"headers\":");
        pairs(j, ex.requestHeaders()).append(',');
        field(j, "bodyBase64", Base64.getEncoder().encodeToString(body)).append(',');
        j.append("\"trailers\":");
        pairs(j, ex.requestTrailers()).append('}');
        ex.responseHeaders().put("Content-Type", "application/json");
        ex.responseBody().write(j.toString().getBytes(StandardCharsets.UTF_8));
    };

    private static StringBuilder pairs(StringBuilder j, HttpFields fields) {
        j.append('[');
        if (fields != null) {
            String sep = "";
            for (HttpField f : fields) {
                j.append(sep).append('[');
                str(j, f.getName()).append(',');
                str(j, f.getValue()).append(']');
                sep = ",";
            }
        }
        return j.append(']');
    }

    private static StringBuilder field(StringBuilder j, String name, String value) {
        str(j, name).append(':');
        return value == null ? j.append("null") : str(j, value);
    }

    private static StringBuilder str(StringBuilder j, String s) {
        j.append('"');
        for (char c : (s == null ? "" : s).toCharArray()) {
            if (c == '"' || c == '\\') {
                j.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                j.append(String.format("\\u%04x", (int) c));
            } else {
                j.append(c);
            }
        }
        return j.append('"');
    }
}
