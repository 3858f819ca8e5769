package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.Spawner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * USR2: starts a new arbiter from the same command line on the same listening sockets (passed on
 * fds 3, 4, ... with {@code JGUNICORN_FD}), as Gunicorn re-executes itself for a binary upgrade.
 * The new arbiter writes {@code <pidfile>.2} and takes over the pidfile once the old one exits.
 */
final class Reexec {

    private Reexec() {}

    static long spawnNewArbiter(List<BoundSocket> sockets) throws PosixException {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> argv = new ArrayList<>();
        argv.add(info.command().orElseThrow(() -> new IllegalStateException("own command line unknown")));
        argv.addAll(List.of(info.arguments().orElse(new String[0])));
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.remove("LISTEN_FDS");
        env.remove("LISTEN_PID");
        env.put("JGUNICORN_FD", String.valueOf(sockets.size()));
        env.put("JGUNICORN_FD_OURS", String.join(",", sockets.stream().map(s -> s.ours() ? "1" : "0").toList()));
        env.put("JGUNICORN_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        List<Integer> fds = sockets.stream().map(BoundSocket::fd).toList();
        return Spawner.spawn(argv, env, new Spawner.Options(fds, 3, null, false, false));
    }
}
