/**
 * Metrics: StatsD ({@code statsd_host}), the Prometheus endpoint ({@code metrics_bind}) served by
 * the arbiter, and the per-worker counters the workers write and the arbiter reads.
 *
 * <p>May use {@code lifecycle}, {@code posix} and {@code config}; used by the worker and the arbiter.
 */
package io.jgunicorn.container.metrics;
