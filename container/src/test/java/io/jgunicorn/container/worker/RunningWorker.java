package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.http.TestLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A worker class serving on a fresh 127.0.0.1 port on its own thread, stopped by close(). */
final class RunningWorker implements AutoCloseable {

    final ServerSocketChannel listener;
    final Worker worker;
    final TestLifecycle lifecycle;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    RunningWorker(String workerClass, HttpApplication app, Map<String, String> settings, TestLifecycle lifecycle)
            throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 128);
        Map<String, String> s = new HashMap<>(Map.of("graceful_timeout", "5"));
        s.putAll(settings);
        this.lifecycle = lifecycle;
        worker = Workers.create(workerClass, new WorkerContext(List.of(listener), app, Config.defaults().withText(s), lifecycle));
        Thread.ofPlatform().name("worker-" + workerClass).daemon().start(() -> {
            try {
                worker.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
    }

    RunningWorker(String workerClass, HttpApplication app) throws IOException {
        this(workerClass, app, Map.of(), new TestLifecycle());
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    SocketClient client() throws IOException {
        return new SocketClient(address());
    }

    /** Graceful shutdown; fails the test if run() does not return within a bound. */
    void stop(boolean graceful) throws Exception {
        worker.shutdown(graceful);
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!done.isDone()) {
                stop(false);
            }
        } finally {
            listener.close();
        }
    }
}
