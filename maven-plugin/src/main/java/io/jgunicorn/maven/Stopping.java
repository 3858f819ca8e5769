package io.jgunicorn.maven;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a jgunicorn arbiter as Gunicorn is stopped: TERM (a graceful stop), then KILL if it takes too long. */
final class Stopping {

    private Stopping() {}

    /** @return whether it stopped within {@code graceSeconds} + 10 s (otherwise it and its workers were killed) */
    static boolean stop(ProcessHandle arbiter, int graceSeconds) {
        List<ProcessHandle> workers = arbiter.descendants().toList();
        if (!arbiter.isAlive()) {
            return true;
        }
        arbiter.destroy(); // SIGTERM
        try {
            arbiter.onExit().get(graceSeconds + 10L, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            arbiter.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
