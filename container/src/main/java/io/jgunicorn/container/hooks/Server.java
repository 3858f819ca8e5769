package io.jgunicorn.container.hooks;

import java.util.Map;

/**
 * What hooks see of the server.
 *
 * @param arbiterPid the arbiter's pid
 * @param settings   every resolved setting by name, as text
 * @param workers    the configured number of workers
 */
public record Server(long arbiterPid, Map<String, String> settings, int workers) {
    public Server {
        settings = Map.copyOf(settings);
    }
}
