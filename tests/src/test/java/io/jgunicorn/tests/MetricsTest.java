package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StatsD packets, the arbiter's Prometheus endpoint and its readiness, against a real jgunicorn. */
class MetricsTest {

    static final Duration LONG = Duration.ofSeconds(60);

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    @Test
    void statsdGetsGunicornsMetricNamesTypesAndValues() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            agent.setSoTimeout(200);
            String host = "127.0.0.1:" + agent.getLocalPort();
            List<String> lines = new ArrayList<>();
            try (Jgunicorn j = Jgunicorn.start("-w", "1", "--statsd-host", host, "--statsd-prefix", "shop..",
                    "--dogstatsd-tags", "env:test,team:web", hello())) {
                int port = j.port();
                assertEquals(200, Http.get(port, "/").status());
                assertEquals(200, Http.get(port, "/").status());
                assertEquals(200, Http.get(port, "/sleep?ms=300").status());
                assertEquals(404, Http.get(port, "/no-such-page").status());
                String tags = "|#env:test,team:web";
                receiveUntil(agent, lines, l -> count(l, "shop.gunicorn.requests:1|c|@1.0" + tags) == 4);
                assertEquals(3, count(lines, "shop.gunicorn.request.status.200:1|c|@1.0" + tags), lines::toString);
                assertEquals(1, count(lines, "shop.gunicorn.request.status.404:1|c|@1.0" + tags), lines::toString);
                assertTrue(lines.contains("shop.gunicorn.workers:1|g" + tags), lines::toString);
                // durations in milliseconds with a fraction, as Gunicorn sends them; the slow one took >= 300 ms
                Pattern timer = Pattern.compile("shop\\.gunicorn\\.request\\.duration:(\\d+\\.\\d{3})\\|ms"
                        + Pattern.quote(tags));
                List<Double> ms = lines.stream().map(timer::matcher).filter(Matcher::matches)
                        .map(m -> Double.parseDouble(m.group(1))).toList();
                assertEquals(4, ms.size(), lines::toString);
                assertTrue(ms.stream().anyMatch(v -> v >= 300), ms::toString);

                // the arbiter's warning about a killed worker counts as gunicorn.log.warning
                long worker = SignalsTest.workerPid(port);
                Jgunicorn.kill(worker, "KILL");
                j.awaitLine(Pattern.compile("Worker \\(pid:" + worker + "\\) was sent SIGKILL"), LONG);
                receiveUntil(agent, lines, l -> l.contains("shop.gunicorn.log.warning:1|c|@1.0" + tags));
            }
        }
    }

    @Test
    void hupAppliesAMetricsBindAddedToTheConfigFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path conf = tmp.resolve("jgunicorn.toml");
        java.nio.file.Files.writeString(conf, "workers = 1\n");
        try (Jgunicorn j = Jgunicorn.start("-c", conf.toString(), hello())) {
            Jgunicorn.await("a worker serving", LONG, () -> {
                try {
                    return Http.get(j.port(), "/").status() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertTrue(!j.output().contains("Metrics at:"), "no endpoint before the reload");
            java.nio.file.Files.writeString(conf, "workers = 1\nmetrics_bind = \"127.0.0.1:0\"\n");
            j.signal("HUP");
            int metrics = Prometheus.port(j);
            Jgunicorn.await("the new generation's worker ready on the new endpoint", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_workers_ready") >= 1);
        }
    }

    @Test
    void prometheusEndpointAggregatesEveryWorkersCounters() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "2", "-k", "sync", "--metrics-bind", "127.0.0.1:0", hello())) {
            int port = j.port();
            int metrics = Prometheus.port(j);
            Jgunicorn.await("2 ready workers", LONG, () -> Prometheus.value(metrics, "jgunicorn_workers_ready") == 2);
            Map<Long, Integer> byWorker = new HashMap<>();
            // two slow requests at once: each sync worker takes one, so both workers serve
            CompletableFuture<Http.Response> a = inThread(port, "/sleep?ms=1200");
            CompletableFuture<Http.Response> b = inThread(port, "/sleep?ms=1200");
            Jgunicorn.await("2 requests in flight", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_requests_in_flight") == 2);
            for (Http.Response r : List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS))) {
                assertEquals(200, r.status());
                byWorker.merge(Long.parseLong(r.header("X-Worker-Pid")), 1, Integer::sum);
            }
            assertEquals(2, byWorker.size(), "both workers served: " + byWorker);
            for (int i = 0; i < 6; i++) {
                Http.Response r = Http.get(port, "/");
                assertEquals(200, r.status());
                byWorker.merge(Long.parseLong(r.header("X-Worker-Pid")), 1, Integer::sum);
            }
            Map<String, Double> s = Prometheus.scrapeOnce(metrics, "jgunicorn_requests_total{status=\"2xx\"}", 8.0);
            for (String pid : j.workerPids().stream().map(String::valueOf).toList()) {
                String sample = s.keySet().stream()
                        .filter(k -> k.startsWith("jgunicorn_worker_requests_total{pid=\"" + pid + "\""))
                        .findFirst().orElseThrow(() -> new AssertionError("no sample for worker " + pid + ": " + s));
                assertEquals(byWorker.get(Long.parseLong(pid)).doubleValue(), s.get(sample), sample);
            }
            assertEquals(8.0, s.get("jgunicorn_requests_total{status=\"2xx\"}"), s::toString);
            assertEquals(0.0, s.get("jgunicorn_requests_in_flight"));
            assertEquals(2.0, s.get("jgunicorn_workers"));

            assertEquals(404, Http.get(port, "/no-such-page").status());
            assertEquals(404, Http.get(port, "/no-such-page").status());
            Map<String, Double> t = Prometheus.scrapeOnce(metrics, "jgunicorn_request_duration_seconds_count", 10.0);
            assertEquals(8.0, t.get("jgunicorn_requests_total{status=\"2xx\"}"));
            assertEquals(2.0, t.get("jgunicorn_requests_total{status=\"4xx\"}"));
            assertEquals(10.0, t.get("jgunicorn_request_duration_seconds_count"));
            assertEquals(10.0, t.get("jgunicorn_request_duration_seconds_bucket{le=\"+Inf\"}"));
            // the two 1.2 s requests are above the 1 s bucket and make up most of the sum
            assertTrue(t.get("jgunicorn_request_duration_seconds_bucket{le=\"1.0\"}") <= 8.0, t::toString);
            assertTrue(t.get("jgunicorn_request_duration_seconds_sum") >= 2.4, t::toString);
            assertTrue(t.get("jgunicorn_request_duration_seconds_bucket{le=\"0.005\"}")
                    <= t.get("jgunicorn_request_duration_seconds_bucket{le=\"10.0\"}"), t::toString);
            assertTrue(t.keySet().stream().anyMatch(k -> k.startsWith("jgunicorn_worker_resident_memory_bytes{")));

            // a worker that exits on its own is replaced; its requests stay counted
            long gone = j.workerPids().getFirst();
            Jgunicorn.kill(gone, "TERM");
            Jgunicorn.await("a recycled worker counted", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_worker_restarts_total{reason=\"recycled\"}") == 1);
            Jgunicorn.await("a replacement worker", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_workers_ready") == 2);
            Map<String, Double> u = Prometheus.scrape(metrics);
            assertEquals(8.0, u.get("jgunicorn_requests_total{status=\"2xx\"}"), u::toString);
            assertEquals(10.0, u.get("jgunicorn_request_duration_seconds_count"), u::toString);
            assertTrue(u.keySet().stream().noneMatch(k -> k.contains("pid=\"" + gone + "\"")), u::toString);
        }
    }

    @Test
    void backlogCountsConnectionsWaitingForABusySyncWorker() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            agent.setSoTimeout(200);
            List<String> lines = new ArrayList<>();
            try (Jgunicorn j = Jgunicorn.start("-w", "1", "-k", "sync", "--metrics-bind", "127.0.0.1:0",
                    "--statsd-host", "127.0.0.1:" + agent.getLocalPort(), "--enable-backlog-metric", hello())) {
                int port = j.port();
                int metrics = Prometheus.port(j);
                CompletableFuture<Http.Response> busy = inThread(port, "/sleep?ms=4000");
                Jgunicorn.await("the worker busy", LONG,
                        () -> Prometheus.value(metrics, "jgunicorn_requests_in_flight") == 1);
                // the only sync worker is busy: these two wait in the listener's accept queue
                CompletableFuture<Http.Response> q1 = inThread(port, "/");
                CompletableFuture<Http.Response> q2 = inThread(port, "/");
                Jgunicorn.await("a backlog of 2", LONG, () -> Prometheus.value(metrics, "jgunicorn_listen_backlog") == 2);
                receiveUntil(agent, lines, l -> l.contains("gunicorn.backlog:2|ms"));
                for (var f : List.of(busy, q1, q2)) {
                    assertEquals(200, f.get(60, TimeUnit.SECONDS).status());
                }
                Jgunicorn.await("an empty backlog", LONG,
                        () -> Prometheus.value(metrics, "jgunicorn_listen_backlog") == 0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void everyWorkerClassReportsItsRequestsAndInFlight(String workerClass) throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "1", "-k", workerClass, "--threads", "4", "--metrics-bind",
                "127.0.0.1:0", hello())) {
            int port = j.port();
            int metrics = Prometheus.port(j);
            CompletableFuture<Http.Response> slow = inThread(port, "/sleep?ms=1500");
            Jgunicorn.await("1 request in flight", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_requests_in_flight") == 1);
            // keep-alive: three requests on one connection, then a 404
            String get = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            try (java.net.Socket c = Http.connect(port)) {
                c.getOutputStream().write((get + get + get).getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, Http.read(c.getInputStream(), false).status());
                }
            }
            assertEquals(404, Http.get(port, "/no-such-page").status());
            assertEquals(200, slow.get(60, TimeUnit.SECONDS).status());
            Jgunicorn.await("5 requests counted", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_request_duration_seconds_count") == 5);
            Map<String, Double> s = Prometheus.scrape(metrics);
            assertEquals(4.0, s.get("jgunicorn_requests_total{status=\"2xx\"}"), s::toString);
            assertEquals(1.0, s.get("jgunicorn_requests_total{status=\"4xx\"}"), s::toString);
            assertEquals(0.0, s.get("jgunicorn_requests_in_flight"), s::toString);
        }
    }

    @Test
    void readinessTurns503OnTermWhileInFlightRequestsDrain() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("-w", "1", "--graceful-timeout", "30", "--metrics-bind", "127.0.0.1:0",
                hello())) {
            int port = j.port();
            int metrics = Prometheus.port(j);
            Jgunicorn.await("ready", LONG, () -> status(metrics, "/ready") == 200);
            assertEquals(200, status(metrics, "/health"));
            CompletableFuture<Http.Response> slow = inThread(port, "/sleep?ms=4000");
            Jgunicorn.await("the slow request in flight", LONG,
                    () -> Prometheus.value(metrics, "jgunicorn_requests_in_flight") == 1);
            j.signal("TERM");
            Jgunicorn.await("/ready answers 503", LONG, () -> status(metrics, "/ready") == 503);
            assertTrue(Http.get(metrics, "/ready").text().contains("draining"));
            assertEquals(200, status(metrics, "/health"), "still alive while draining");
            assertTrue(!slow.isDone(), "the slow request is still being served");
            Http.Response r = slow.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            assertEquals(0, j.awaitExit(LONG));
        }
    }

    /** A request on a thread of its own (the common pool may have one thread on a 2-core machine). */
    static CompletableFuture<Http.Response> inThread(int port, String target) {
        CompletableFuture<Http.Response> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(Http.get(port, target));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    static int status(int port, String target) {
        try {
            return Http.get(port, target).status();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** Collects StatsD lines (one datagram may hold several) until {@code done} holds. */
    static void receiveUntil(DatagramSocket agent, List<String> lines,
            java.util.function.Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        byte[] buf = new byte[65536];
        while (!done.test(lines)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("StatsD lines so far: " + lines);
            }
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                agent.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            for (String l : new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(l);
            }
        }
    }
}
