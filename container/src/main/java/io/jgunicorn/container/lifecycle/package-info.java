/**
 * What a connection tells the worker that runs it about each request: {@code WorkerLifecycle}
 * (heartbeat, may I take this request, it ended) and the finished request's
 * {@code RequestRecord}, which {@code RequestObserver}s (access log, metrics) see.
 *
 * <p>Uses nothing of the container; used by {@code http}, {@code logging}, {@code metrics} and
 * {@code worker}, so that none of those needs another.
 */
package io.jgunicorn.container.lifecycle;
