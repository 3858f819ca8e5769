package io.jgunicorn.container.worker;

import java.util.concurrent.Executors;

/**
 * The {@code async} class (aliases tornado, asgi): the same NIO event loop as {@code gthread} reads
 * heads and holds idle connections, but each request runs on a virtual thread instead of a bounded
 * pool, so a request that waits (async completion, slow I/O) pins no platform thread. Capped by
 * {@code worker_connections}.
 */
final class AsyncWorker extends ThreadWorker {

    AsyncWorker(WorkerContext ctx) {
        super(ctx, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("async-", 0).factory()));
    }
}
