package io.jgunicorn.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness as a load balancer sees it: ready only while some worker serves and no drain began. */
class ArbiterMetricsTest {

    @TempDir
    Path runDir;

    @Test
    void readyOnlyWithAServingWorkerAndNotWhileDraining() throws Exception {
        try (ArbiterMetrics m = ArbiterMetrics.create(StatsdTest.config(Map.of("metrics_bind", "127.0.0.1:0")),
                runDir, List.of())) {
            m.start();
            int port = m.port();
            assertEquals(503, get(port, "/ready").statusCode(), "no worker yet");
            m.observe(List.of(new WorkerState(11, 1, false, false)));
            assertEquals(503, get(port, "/ready").statusCode(), "a worker still loading its app");
            m.observe(List.of(new WorkerState(11, 1, true, false)));
            assertEquals(200, get(port, "/ready").statusCode());
            m.observe(List.of(new WorkerState(11, 1, true, true)));
            assertEquals(503, get(port, "/ready").statusCode(), "the only worker is stopping");
            m.observe(List.of(new WorkerState(11, 1, true, false)));
            m.draining();
            HttpResponse<String> r = get(port, "/ready");
            assertEquals(503, r.statusCode());
            assertEquals("draining\n", r.body());
            assertEquals(200, get(port, "/health").statusCode());
            assertEquals(404, get(port, "/other").statusCode());
            assertTrue(get(port, "/metrics").body().contains("jgunicorn_ready 0\n"));
        }
    }

    @Test
    void restartsAreCountedByReasonAndRequestedStopsAreNot() throws Exception {
        try (ArbiterMetrics m = ArbiterMetrics.create(StatsdTest.config(Map.of("metrics_bind", "127.0.0.1:0")),
                runDir, List.of())) {
            m.start();
            m.exited(1, false, false, true);
            m.exited(2, false, false, false);
            m.exited(3, true, true, false);
            m.exited(4, true, false, true); // asked to stop (TTOU, reload): not a restart
            String body = get(m.port(), "/metrics").body();
            assertTrue(body.contains("jgunicorn_worker_restarts_total{reason=\"recycled\"} 1\n"), body);
            assertTrue(body.contains("jgunicorn_worker_restarts_total{reason=\"crashed\"} 1\n"), body);
            assertTrue(body.contains("jgunicorn_worker_restarts_total{reason=\"timeout\"} 1\n"), body);
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        try (HttpClient c = HttpClient.newHttpClient()) {
            return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
