package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixRouterTest {

    record Named(String name, List<String> log) implements HttpApplication {
        @Override
        public void handle(HttpExchange exchange) {
            log.add(name + " " + exchange.uri().getPath());
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    final List<String> log = new ArrayList<>();
    final Named root = new Named("root", log);
    final Named api = new Named("api", log);
    final Named v2 = new Named("v2", log);

    PrefixRouter router(boolean withRoot) {
        Map<String, HttpApplication> mounts = new LinkedHashMap<>();
        if (withRoot) {
            mounts.put("", root);
        }
        mounts.put("/api", api);
        mounts.put("/api/v2", v2);
        return new PrefixRouter(mounts);
    }

    @Test
    void longestPrefixOnSegmentBoundariesWins() {
        PrefixRouter r = router(true);
        assertSame(api, r.route("/api"));
        assertSame(api, r.route("/api/"));
        assertSame(api, r.route("/api/v1/x"));
        assertSame(v2, r.route("/api/v2"));
        assertSame(v2, r.route("/api/v2/users"));
        assertSame(api, r.route("/api/v20"), "not on a segment boundary");
        assertSame(root, r.route("/apis"));
        assertSame(root, r.route("/"));
    }

    @Test
    void withoutARootUnmatchedPathsHaveNoApp() {
        assertNull(router(false).route("/other"));
    }

    @Test
    void handleDispatchesWithoutRewritingThePath() throws Exception {
        router(true).handle(exchange("/api/v2/x?q=1", null, null));
        assertEquals(List.of("v2 /api/v2/x"), log);
    }

    @Test
    void dotSegmentsAreResolvedBeforeRouting() throws Exception {
        router(true).handle(exchange("/api/../api/v2/x", null, null));
        assertEquals(List.of("v2 /api/../api/v2/x"), log);
    }

    @Test
    void unmatchedAnswers404() throws Exception {
        var status = new int[1];
        var body = new ByteArrayOutputStream();
        router(false).handle(exchange("/nothing", status, body));
        assertEquals(404, status[0]);
        assertEquals("Not Found\n", body.toString());
        assertEquals(List.of(), log);
    }

    @Test
    void closeClosesEveryApp() {
        router(true).close();
        assertEquals(java.util.Set.of("close root", "close api", "close v2"), java.util.Set.copyOf(log));
        assertEquals(3, log.size());
    }

    static HttpExchange exchange(String target, int[] status, ByteArrayOutputStream body) {
        return TestFiles.exchange(target, status, body);
    }
}
