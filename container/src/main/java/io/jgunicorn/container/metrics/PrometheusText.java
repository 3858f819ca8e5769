package io.jgunicorn.container.metrics;

import java.util.List;
import java.util.Map;

/**
 * Renders the arbiter's metrics in the Prometheus text exposition format (version 0.0.4): request
 * counts by status class, a duration histogram, requests in flight, workers, restarts, and
 * per-worker requests and resident memory.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final StringBuilder out = new StringBuilder(4096);

    private PrometheusText() {}

    static String render(CounterRegistry.Totals totals, List<WorkerState> workers, Map<String, Long> restarts,
            boolean ready, int backlog) {
        PrometheusText t = new PrometheusText();
        long[] s = totals.slots();
        t.family("jgunicorn_requests_total", "counter", "Requests answered by all workers, by status class.");
        for (int i = 0; i < CLASSES.length; i++) {
            t.sample("jgunicorn_requests_total{status=\"" + CLASSES[i] + "\"}", s[CounterFile.STATUS_CLASS + i]);
        }
        t.histogram(s);
        t.family("jgunicorn_requests_in_flight", "gauge", "Requests being served by live workers now.");
        t.sample("jgunicorn_requests_in_flight", s[CounterFile.IN_FLIGHT]);
        t.family("jgunicorn_workers", "gauge", "Worker processes alive (Gunicorn's gunicorn.workers).");
        t.sample("jgunicorn_workers", workers.size());
        t.family("jgunicorn_workers_ready", "gauge", "Worker processes that have loaded the app and serve.");
        t.sample("jgunicorn_workers_ready", workers.stream().filter(w -> w.ready() && !w.stopping()).count());
        t.family("jgunicorn_worker_restarts_total", "counter",
                "Workers that exited without being asked to and were replaced, by reason.");
        restarts.forEach((reason, n) -> t.sample("jgunicorn_worker_restarts_total{reason=\"" + reason + "\"}", n));
        t.family("jgunicorn_ready", "gauge", "1 while /ready answers 200.");
        t.sample("jgunicorn_ready", ready ? 1 : 0);
        if (backlog >= 0) {
            t.family("jgunicorn_listen_backlog", "gauge",
                    "Connections waiting in the TCP listeners' accept queues (Gunicorn's gunicorn.backlog).");
            t.sample("jgunicorn_listen_backlog", backlog);
        }
        t.perWorker(totals.live());
        return t.out.toString();
    }

    private void histogram(long[] s) {
        String name = "jgunicorn_request_duration_seconds";
        family(name, "histogram", "Time from a complete request head to a complete response.");
        long cumulative = 0;
        for (int i = 0; i <= CounterFile.BUCKETS_SECONDS.length; i++) {
            cumulative += s[CounterFile.BUCKET + i];
            String le = i < CounterFile.BUCKETS_SECONDS.length ? Double.toString(CounterFile.BUCKETS_SECONDS[i]) : "+Inf";
            sample(name + "_bucket{le=\"" + le + "\"}", cumulative);
        }
        out.append(name).append("_sum ").append(s[CounterFile.DURATION_SUM] / 1e9).append('\n');
        sample(name + "_count", cumulative);
    }

    private void perWorker(List<CounterRegistry.Live> live) {
        family("jgunicorn_worker_requests_total", "counter", "Requests answered by each live worker.");
        for (CounterRegistry.Live w : live) {
            long n = 0;
            for (int i = 0; i < CLASSES.length; i++) {
                n += w.slots()[CounterFile.STATUS_CLASS + i];
            }
            sample("jgunicorn_worker_requests_total" + labels(w), n);
        }
        family("jgunicorn_worker_resident_memory_bytes", "gauge", "Resident memory (RSS) of each live worker.");
        for (CounterRegistry.Live w : live) {
            long rss = ProcessMemory.residentBytes(w.pid());
            if (rss > 0) {
                sample("jgunicorn_worker_resident_memory_bytes" + labels(w), rss);
            }
        }
    }

    private static String labels(CounterRegistry.Live w) {
        return "{pid=\"" + w.pid() + "\",age=\"" + w.age() + "\"}";
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String nameAndLabels, long value) {
        out.append(nameAndLabels).append(' ').append(value).append('\n');
    }
}
