package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deploy_spare_workers}: worker JVMs started ahead (jgunicorn loaded, no application), each
 * waiting for the settings of the next deploy-directory generation. A spare that no longer fits the
 * workers' JVM options or sockets (a HUP changed them) is replaced; after three spares in a row die
 * before they were needed, no more are started. Owned and driven by the {@link Arbiter}'s loop thread.
 */
final class SpareWorkers {

    private static final Logger log = LoggerFactory.getLogger(Arbiter.class);

    private final WorkerLauncher launcher;
    private final List<WorkerLauncher.Spare> waiting = new ArrayList<>();
    /** Spares told to go (or found dead), until reaped. */
    private final List<WorkerLauncher.Spare> leaving = new ArrayList<>();
    /** Spares that died before they were needed, in a row. */
    private int failures;

    SpareWorkers(WorkerLauncher launcher) {
        this.launcher = launcher;
    }

    /** A waiting spare that fits the next generation, or null; spares that do not fit are retired. */
    WorkerLauncher.Spare take() {
        while (!waiting.isEmpty()) {
            WorkerLauncher.Spare spare = waiting.removeFirst();
            if (launcher.fits(spare)) {
                return spare;
            }
            retire(spare, Posix.SIGTERM);
        }
        return null;
    }

    /**
     * Keeps {@code wanted} spares waiting: replaces those that no longer fit, and starts new ones only
     * when {@code mayStart} (no roll under way, so they never compete with a booting generation).
     */
    void keep(int wanted, boolean mayStart, IntSupplier nextAge) throws IOException {
        for (WorkerLauncher.Spare spare : List.copyOf(waiting)) {
            if (!launcher.fits(spare)) {
                waiting.remove(spare);
                retire(spare, Posix.SIGTERM);
            }
        }
        while (waiting.size() < wanted && mayStart && failures < 3) {
            WorkerLauncher.Spare spare = launcher.spawnSpare(nextAge.getAsInt());
            waiting.add(spare);
            log.debug("Spare worker started (pid: {})", spare.pid());
        }
        while (waiting.size() > wanted) {
            retire(waiting.removeLast(), Posix.SIGTERM);
        }
    }

    /** Reaps spares that exited: a waiting one that died counts as a failure. */
    void reap() {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            WorkerLauncher.Spare spare = it.next();
            Posix.ExitStatus st = Posix.reap(spare.pid());
            if (st != null) {
                it.remove();
                deleteFiles(spare);
                failures++;
                log.warn("Spare worker (pid: {}) exited ({}) before it was needed{}", spare.pid(), st,
                        failures >= 3 ? "; no more spares are started" : "");
            }
        }
        for (var it = leaving.iterator(); it.hasNext(); ) {
            WorkerLauncher.Spare spare = it.next();
            if (Posix.reap(spare.pid()) != null) {
                it.remove();
                deleteFiles(spare);
            }
        }
    }

    /** The arbiter is leaving: every spare goes (they also leave on their own once it is gone). */
    void discard(int signal) {
        waiting.forEach(s -> retire(s, signal));
        waiting.clear();
        long deadline = System.currentTimeMillis() + 2_000;
        while (!leaving.isEmpty() && System.currentTimeMillis() < deadline) {
            reap();
            try {
                Thread.sleep(10); // children we signalled: only the kernel's reaping is left to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void retire(WorkerLauncher.Spare spare, int signal) {
        Posix.kill(spare.pid(), signal);
        leaving.add(spare);
    }

    private static void deleteFiles(WorkerLauncher.Spare spare) {
        try {
            Files.deleteIfExists(spare.heartbeat());
            Files.deleteIfExists(spare.settings());
            FileTrees.delete(spare.workDir());
        } catch (IOException e) {
            log.debug("cleanup of spare {} failed: {}", spare.pid(), e.toString());
        }
    }
}
