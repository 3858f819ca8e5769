package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import io.jgunicorn.container.testkit.RawHttp;
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

    // the requests below go through the container's real HTTP/1.1 connection and exchange (its test jar)

    @Test
    void handleDispatchesWithoutRewritingThePath() {
        assertEquals(200, RawHttp.send(router(true), RawHttp.get("/api/v2/x?q=1")).status());
        assertEquals(List.of("v2 /api/v2/x"), log);
    }

    @Test
    void dotSegmentsAreResolvedBeforeRouting() {
        RawHttp.send(router(true), RawHttp.get("/api/../api/v2/x"));
        assertEquals(List.of("v2 /api/../api/v2/x"), log);
    }

    @Test
    void unmatchedAnswers404() {
        RawHttp.Response r = RawHttp.send(router(false), RawHttp.get("/nothing"));
        assertEquals(404, r.status());
        assertEquals("Not Found\n", r.text());
        assertEquals(List.of(), log);
    }

    @Test
    void closeClosesEveryApp() {
        router(true).close();
        assertEquals(java.util.Set.of("close root", "close api", "close v2"), java.util.Set.copyOf(log));
        assertEquals(3, log.size());
    }

}
