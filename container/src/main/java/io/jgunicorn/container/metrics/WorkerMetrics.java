package io.jgunicorn.container.metrics;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.lifecycle.RequestObserver;
import io.jgunicorn.container.lifecycle.RequestRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's request metrics: Gunicorn's per-request StatsD lines ({@code gunicorn.request.duration},
 * {@code gunicorn.requests}, {@code gunicorn.request.status.CODE}) and the counters the arbiter
 * aggregates for Prometheus. Both are cheap enough to run on the request's own thread.
 */
public final class WorkerMetrics implements RequestObserver {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.worker");

    private final Statsd statsd;
    private final CounterFile counters;

    private WorkerMetrics(Statsd statsd, CounterFile counters) {
        this.statsd = statsd;
        this.counters = counters;
    }

    /**
     * The metrics of the worker of this age, or null when neither StatsD nor the Prometheus
     * endpoint is configured. Also counts this process's warnings and errors for StatsD.
     */
    public static WorkerMetrics create(Config config, Path runDir, int age) {
        Statsd statsd = Statsd.create(config);
        if (statsd != null) {
            LogCounter.install(statsd);
        }
        CounterFile counters = null;
        if (config.string("metrics_bind") != null) {
            try {
                counters = CounterFile.openIfPresent(CounterFile.path(runDir, age));
            } catch (IOException | RuntimeException e) {
                log.warn("Prometheus counters off in this worker: {}", e.toString());
            }
        }
        return statsd == null && counters == null ? null : new WorkerMetrics(statsd, counters);
    }

    @Override
    public void requestStarted() {
        if (counters != null) {
            counters.add(CounterFile.IN_FLIGHT, 1);
        }
    }

    @Override
    public void requestCompleted(RequestRecord r) {
        if (counters != null) {
            if (r.method() != null) { // refused heads never started (see RequestObserver)
                counters.add(CounterFile.IN_FLIGHT, -1);
            }
            counters.record(r.status(), r.durationNanos());
        }
        if (statsd != null) {
            statsd.send(statsd.timer("gunicorn.request.duration", r.durationNanos()),
                    statsd.counter("gunicorn.requests", 1),
                    statsd.counter("gunicorn.request.status." + r.status(), 1));
        }
    }
}
