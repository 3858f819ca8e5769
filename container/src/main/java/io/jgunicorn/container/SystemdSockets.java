package io.jgunicorn.container;

import io.jgunicorn.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sockets handed over at start replace the configured binds: systemd socket activation (when
 * {@code LISTEN_PID} is this process and {@code LISTEN_FDS} is N, the sockets are fds 3 .. 3+N-1,
 * as in Gunicorn), and a binary upgrade (USR2: the old arbiter sets {@code JGUNICORN_FD} to N).
 */
final class SystemdSockets {

    private static final int SD_LISTEN_FDS_START = 3;

    private SystemdSockets() {}

    static Config apply(Config config, Map<String, String> env) {
        String fds = env.get("LISTEN_FDS");
        String pid = env.get("LISTEN_PID");
        if (env.get(UpgradeHandoff.FD_ENV) != null) {
            fds = env.get(UpgradeHandoff.FD_ENV);
        } else if (fds == null || pid == null || !pid.trim().equals(String.valueOf(ProcessHandle.current().pid()))) {
            return config;
        }
        int n;
        try {
            n = Integer.parseInt(fds.trim());
        } catch (NumberFormatException e) {
            return config;
        }
        List<String> binds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            binds.add("fd://" + (SD_LISTEN_FDS_START + i));
        }
        return binds.isEmpty() ? config : config.with(Map.of("bind", binds));
    }
}
