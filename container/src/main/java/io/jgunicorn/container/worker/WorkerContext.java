package io.jgunicorn.container.worker;

import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;

/**
 * What a worker class is given to serve with.
 *
 * @param listeners the listening sockets inherited from the arbiter (blocking mode as inherited)
 * @param app       the loaded application
 * @param settings  every resolved setting by its Gunicorn name (e.g. {@code threads},
 *                  {@code worker_connections}, {@code keepalive}, {@code graceful_timeout},
 *                  {@code limit_request_line}); values as strings
 * @param lifecycle heartbeat and request accounting towards the arbiter
 */
public record WorkerContext(
        List<ServerSocketChannel> listeners,
        HttpApplication app,
        Map<String, String> settings,
        WorkerLifecycle lifecycle) {

    public WorkerContext {
        listeners = List.copyOf(listeners);
        settings = Map.copyOf(settings);
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    public int intSetting(String name, int fallback) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
