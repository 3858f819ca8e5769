package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.Posix;
import org.slf4j.Logger;

/**
 * The log line for a worker that died of a signal. Gunicorn guesses "Perhaps out of memory?" for
 * every SIGKILL; when the arbiter sent it (graceful timeout, a timed-out worker that ignored
 * SIGABRT) the line says so and why, and only a SIGKILL from elsewhere (the kernel's OOM killer, an
 * operator) keeps Gunicorn's guess.
 */
final class WorkerExits {

    private WorkerExits() {}

    static void logSignaled(Logger log, WorkerProcess w, int signal) {
        if (signal == Posix.SIGKILL && w.killedBecause != null) {
            log.warn("Worker (pid:{}) was sent SIGKILL by the arbiter: {}", w.pid, w.killedBecause);
        } else {
            log.warn("Worker (pid:{}) was sent {}!", w.pid, name(signal));
        }
    }

    static String name(int sig) {
        return switch (sig) {
            case Posix.SIGKILL -> "SIGKILL! Perhaps out of memory?";
            case Posix.SIGTERM -> "SIGTERM";
            case Posix.SIGINT -> "SIGINT";
            default -> "signal " + sig;
        };
    }
}
