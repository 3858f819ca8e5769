package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * What a worker class is given to serve with.
 *
 * @param listeners the listening sockets inherited from the arbiter (blocking mode as inherited)
 * @param app       the loaded application
 * @param config    the worker's typed configuration, as the arbiter resolved it (its defaults are
 *                  those of {@code config.Settings}, the only ones)
 * @param lifecycle heartbeat and request accounting towards the arbiter
 */
public record WorkerContext(
        List<ServerSocketChannel> listeners,
        HttpApplication app,
        Config config,
        WorkerLifecycle lifecycle) {

    public WorkerContext {
        listeners = List.copyOf(listeners);
    }
}
