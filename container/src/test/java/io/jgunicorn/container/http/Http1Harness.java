package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.HttpApplication;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a whole connection in memory: request bytes in (in chunks), response bytes out. */
final class Http1Harness {

    private Http1Harness() {}

    static MemoryTransport run(HttpApplication app, Map<String, String> settings, List<byte[]> chunks) {
        MemoryTransport t = new MemoryTransport(chunks);
        new Http1Connection(t, app, new TestLifecycle(), Http1Settings.from(settings), "c1", true, () -> { })
                .serve();
        return t;
    }

    static String run(String request) {
        return run(new EchoApp(), Map.of(), List.of(bytes(request))).outputText();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Status codes of every response in {@code out}, in order (skips no bodies: uses framing). */
    static List<Integer> statuses(String out) {
        List<Integer> result = new ArrayList<>();
        for (Response r : Response.parseAll(out)) {
            result.add(r.status());
        }
        return result;
    }
}
