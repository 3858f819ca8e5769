package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of a USR2 upgrade. In the old arbiter: the new arbiter it started on the same sockets
 * (at most one at a time). In the new arbiter: the old one it waits for, and the pidfile
 * ({@code <pidfile>.2}) it renames once the old arbiter has exited.
 */
final class BinaryUpgrade {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");

    private final List<BoundSocket> sockets;
    private long oldArbiterPid;
    private long newArbiterPid;
    private PidFile pidFile;
    private Path finalPidPath;

    BinaryUpgrade(List<BoundSocket> sockets) {
        this.sockets = sockets;
    }

    /** This arbiter was started by {@code oldPid}'s USR2. */
    void startedBy(long oldPid, PidFile pidFile, Path finalPath) {
        this.oldArbiterPid = oldPid;
        this.pidFile = pidFile;
        this.finalPidPath = finalPath;
    }

    /** USR2: false (with the reason logged) while an upgrade in either direction is under way. */
    boolean mayStart() {
        if (newArbiterPid != 0) {
            log.warn("USR2 ignored: the new arbiter (pid {}) is still running", newArbiterPid);
            return false;
        }
        if (oldArbiterPid != 0) {
            log.warn("USR2 ignored: this arbiter is itself an upgrade whose old arbiter (pid {}) is alive",
                    oldArbiterPid);
            return false;
        }
        return true;
    }

    void start() {
        try {
            newArbiterPid = Reexec.spawnNewArbiter(sockets);
            log.info("Started a new arbiter with pid: {}", newArbiterPid);
        } catch (IOException | RuntimeException e) {
            log.error("Cannot start a new arbiter: {}", e.getMessage());
        }
    }

    /** The arbiter a USR2 started from this one while it runs, else 0. */
    long newArbiterPid() {
        return newArbiterPid;
    }

    /**
     * Called on every turn of the arbiter's loop: reaps a new arbiter that exited, and returns true
     * once, when the old arbiter has gone and this one takes over (the pidfile is renamed by then).
     */
    boolean tookOver() {
        if (newArbiterPid != 0 && Posix.reap(newArbiterPid) != null) {
            log.warn("The new arbiter (pid {}) exited; this one keeps serving", newArbiterPid);
            newArbiterPid = 0;
        }
        if (oldArbiterPid == 0 || ProcessHandle.of(oldArbiterPid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        log.info("Old arbiter (pid {}) has exited; taking over", oldArbiterPid);
        oldArbiterPid = 0;
        if (pidFile != null && finalPidPath != null) {
            try {
                pidFile.moveTo(finalPidPath);
            } catch (IOException e) {
                log.error("Cannot rename {} to {}: {}", pidFile.path(), finalPidPath, e.getMessage());
            }
        }
        return true;
    }
}
