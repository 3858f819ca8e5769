/**
 * The worker JVM: {@code WorkerMain} boots it (settings, logs, privileges, hooks, listeners, the
 * application) as {@code process.WorkerContract} describes; the worker classes ({@code SyncWorker},
 * {@code ThreadWorker} for gthread, virtual and async) serve
 * connections with {@code http}; {@code Heartbeat} is its side of the heartbeat and counts requests.
 *
 * <p>May use {@code http}, {@code logging}, {@code metrics}, {@code hooks}, {@code tls},
 * {@code lifecycle}, {@code process}, {@code spi}, {@code posix} and {@code config}; never the
 * arbiter. Used by the CLI only.
 */
package io.jgunicorn.container.worker;
