package io.jgunicorn.container.metrics;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arbiter's metrics: the {@code gunicorn.workers} StatsD gauge (sent when the number changes, as
 * Gunicorn does), and, with {@code metrics_bind}, the Prometheus/readiness endpoint fed by the
 * workers' counter files. The arbiter calls in from its loop; the endpoint reads on its own thread.
 */
public final class ArbiterMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.metrics");
    /** /health fails once the arbiter loop has not turned for this long (it turns every 250 ms). */
    private static final long STALL_NANOS = 30_000_000_000L;

    private final Config config;
    private final Statsd statsd;
    private final LogCounter logCounter;
    private final CounterRegistry counters;
    private final List<Integer> listenerFds;
    private final boolean backlogToStatsd;
    private volatile int backlog = -1;
    private long lastBacklogSent;
    private final Map<String, Long> restarts = new TreeMap<>();
    private volatile List<WorkerState> workers = List.of();
    private volatile long lastTurn = System.nanoTime();
    private volatile boolean draining;
    private int lastWorkerGauge = -1;
    private MetricsServer server;

    private ArbiterMetrics(Config config, Path runDir, List<Integer> listenerFds) {
        this.config = config;
        this.listenerFds = List.copyOf(listenerFds);
        this.statsd = Statsd.create(config);
        this.logCounter = statsd == null ? null : LogCounter.install(statsd);
        this.counters = config.string("metrics_bind") == null ? null : new CounterRegistry(runDir);
        this.backlogToStatsd = statsd != null && config.bool("enable_backlog_metric");
        for (String reason : List.of("crashed", "recycled", "timeout")) {
            restarts.put(reason, 0L);
        }
    }

    /** The settings this reads: a reload that changes one of them needs new metrics. */
    private static final List<String> SETTINGS = List.of("metrics_bind", "statsd_host", "statsd_prefix",
            "dogstatsd_tags", "enable_backlog_metric");

    /** True when {@code a} and {@code b} configure metrics the same way. */
    public static boolean sameSettings(Config a, Config b) {
        return SETTINGS.stream().allMatch(n -> java.util.Objects.equals(a.asText().get(n), b.asText().get(n)));
    }

    /** {@code listenerFds}: the listening sockets, for the accept-queue length ({@code gunicorn.backlog}). */
    public static ArbiterMetrics create(Config config, Path runDir, List<Integer> listenerFds) {
        return new ArbiterMetrics(config, runDir, listenerFds);
    }

    /**
     * Opens the endpoint on {@code metrics_bind}; a bind failure is logged, not fatal. Idempotent: a
     * USR2 arbiter calls it again once the old arbiter, which held the port, has exited.
     */
    public void start() {
        String bind = config.string("metrics_bind");
        if (bind == null || server != null) {
            return;
        }
        try {
            server = MetricsServer.start(HostPort.parse(bind, 0), this::metrics, this::ready, this::health);
            InetSocketAddress a = server.address();
            log.info("Metrics at: http://{}:{}/metrics", a.getHostString(), a.getPort());
        } catch (IOException | RuntimeException e) {
            log.error("No metrics endpoint: cannot bind metrics_bind {}: {}", bind, e.getMessage());
        }
    }

    /** The endpoint's port, or -1 when it is not open. */
    int port() {
        return server == null ? -1 : server.address().getPort();
    }

    /** Before a worker is spawned: its counter file must exist when it boots. */
    public void spawning(int age) {
        if (counters != null) {
            counters.spawning(age);
        }
    }

    public void spawned(int age, long pid) {
        if (counters != null) {
            counters.spawned(age, pid);
        }
    }

    /**
     * A worker was reaped. It counts as a restart when the arbiter had not asked it to stop:
     * killed for a timeout, exited 0 by itself (max_requests, memory: recycled) or failed.
     */
    public void exited(int age, boolean stopRequested, boolean timedOut, boolean cleanExit) {
        if (counters != null) {
            counters.exited(age);
        }
        if (timedOut || !stopRequested) {
            String reason = timedOut ? "timeout" : cleanExit ? "recycled" : "crashed";
            synchronized (restarts) {
                restarts.merge(reason, 1L, Long::sum);
            }
        }
    }

    /** Every turn of the arbiter loop: the workers as they are now. */
    public void observe(List<WorkerState> now) {
        workers = List.copyOf(now);
        lastTurn = System.nanoTime();
        if (statsd != null && now.size() != lastWorkerGauge) {
            lastWorkerGauge = now.size();
            statsd.send(statsd.gauge("gunicorn.workers", lastWorkerGauge));
        }
        if (!draining && (counters != null || backlogToStatsd)) {
            measureBacklog(); // here, on the loop thread: the sockets are closed on this thread too
        }
    }

    /** Sum of the TCP listeners' accept queues; sent to StatsD about once a second (Gunicorn's histogram). */
    private void measureBacklog() {
        int sum = -1;
        for (int fd : listenerFds) {
            int q = io.jgunicorn.container.posix.TcpInfo.acceptQueue(fd);
            if (q >= 0) {
                sum = Math.max(sum, 0) + q;
            }
        }
        backlog = sum;
        long now = System.nanoTime();
        if (backlogToStatsd && sum >= 0 && now - lastBacklogSent >= 1_000_000_000L) {
            lastBacklogSent = now;
            statsd.send(statsd.line("gunicorn.backlog", sum + "|ms"));
        }
    }

    /** TERM: from now on /ready answers 503, while in-flight requests drain. */
    public void draining() {
        draining = true;
    }

    boolean isReady() {
        return !draining && workers.stream().anyMatch(w -> w.ready() && !w.stopping());
    }

    private MetricsServer.Answer metrics() {
        Map<String, Long> r;
        synchronized (restarts) {
            r = new TreeMap<>(restarts);
        }
        return new MetricsServer.Answer(200, PrometheusText.CONTENT_TYPE,
                PrometheusText.render(counters.totals(), workers, r, isReady(), backlog));
    }

    private MetricsServer.Answer ready() {
        if (isReady()) {
            return text(200, "ready\n");
        }
        return text(503, draining ? "draining\n" : "no worker is ready\n");
    }

    private MetricsServer.Answer health() {
        boolean turning = draining || System.nanoTime() - lastTurn < STALL_NANOS; // drain blocks the loop
        return turning ? text(200, "ok\n") : text(503, "the arbiter loop is stuck\n");
    }

    private static MetricsServer.Answer text(int status, String body) {
        return new MetricsServer.Answer(status, "text/plain; charset=utf-8", body);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (counters != null) {
            counters.close();
        }
        if (logCounter != null) {
            logCounter.uninstall();
        }
        if (statsd != null) {
            statsd.close();
        }
    }
}
