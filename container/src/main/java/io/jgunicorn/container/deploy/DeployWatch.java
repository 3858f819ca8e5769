package io.jgunicorn.container.deploy;

import io.jgunicorn.container.posix.Inotify;
import io.jgunicorn.container.posix.PosixException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy directory and the arbiter's run directory as inotify sees them, so the arbiter's loop
 * wakes when something happens instead of at its next turn, and a file that arrived whole need not
 * wait for a second scan. One daemon thread reads the events; the arbiter's thread asks.
 *
 * <p>Deploy directory: a regular file moved in ({@code IN_MOVED_TO}: {@code mv .app.war.part app.war})
 * or closed by its writer ({@code IN_CLOSE_WRITE}: the end of a {@code cp}) arrived whole; a create
 * or a write after that means it is being written again. Every event on a name changes its
 * {@linkplain #stamp stamp}, so a caller that sees the same "whole" stamp before and after its own
 * look knows nothing touched the file in between. A removal, a whole arrival or a directory moved in
 * wakes the loop; writes in progress do not (they cannot make anything deployable yet).
 *
 * <p>Run directory: a worker writing its heartbeat file ({@code ready}, {@code leaving},
 * {@code stopped}; a touch is only an attribute change and is not watched) wakes the loop, so a roll
 * goes on as soon as the worker says so.
 */
final class DeployWatch {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.deploy");
    private static final int DIR_EVENTS = Inotify.IN_CLOSE_WRITE | Inotify.IN_MOVED_TO | Inotify.IN_CREATE
            | Inotify.IN_MODIFY | Inotify.IN_DELETE | Inotify.IN_MOVED_FROM;
    private static final int RUN_EVENTS = Inotify.IN_MODIFY | Inotify.IN_CLOSE_WRITE;

    /** A name's stamp: positive while it last arrived whole, negative while last seen being written or gone. */
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Inotify inotify;
    private final int dirWatch;
    private final int runWatch;
    private final Runnable wake;

    private DeployWatch(Inotify inotify, int dirWatch, int runWatch, Runnable wake) {
        this.inotify = inotify;
        this.dirWatch = dirWatch;
        this.runWatch = runWatch;
        this.wake = wake;
    }

    /** Starts watching; null (the scan interval alone then drives the directory) when inotify is not available. */
    static DeployWatch start(Path dir, Path runDir, Runnable wake) {
        Inotify in = null;
        try {
            in = Inotify.open();
            int d = in.watch(dir, DIR_EVENTS);
            int r = runDir == null ? -1 : in.watch(runDir, RUN_EVENTS);
            DeployWatch w = new DeployWatch(in, d, r, wake);
            Thread t = new Thread(w::run, "jgunicorn-deploy-watch");
            t.setDaemon(true);
            t.start();
            return w;
        } catch (PosixException | RuntimeException | LinkageError e) {
            if (in != null) {
                in.close();
            }
            log.debug("no inotify for {} ({}): changes are found by scanning only", dir, e.toString());
            return null;
        }
    }

    private void run() {
        try {
            while (true) {
                boolean wakeUp = false;
                for (Inotify.Event e : inotify.read()) {
                    if (e.watch() == runWatch && runWatch != dirWatch) {
                        wakeUp |= e.name().endsWith(".heartbeat");
                    } else if (take(e)) {
                        changed.set(true);
                        wakeUp = true;
                    }
                }
                if (wakeUp) {
                    wake.run();
                }
            }
        } catch (PosixException | RuntimeException e) {
            log.warn("Deploy directory watch ended ({}): changes are found by scanning only", e.getMessage());
            stamps.clear();
        }
    }

    /** Records one event of the deploy directory; true when the directory should be scanned now. */
    private boolean take(Inotify.Event e) {
        if (e.is(Inotify.IN_Q_OVERFLOW)) {
            stamps.clear(); // events were lost: nothing counts as whole until it arrives again
            return true;
        }
        if (e.watch() != dirWatch || e.name().isEmpty() || e.name().startsWith(".")
                || e.name().toLowerCase(Locale.ROOT).endsWith(DeployScan.DEPLOYED)
                || e.name().toLowerCase(Locale.ROOT).endsWith(DeployScan.FAILED)) {
            return false; // our own markers, hidden temp files, the directory itself
        }
        long n = events.incrementAndGet();
        boolean whole = e.is(Inotify.IN_MOVED_TO | Inotify.IN_CLOSE_WRITE) && !e.is(Inotify.IN_ISDIR);
        stamps.put(e.name(), whole ? n : -n);
        return whole || e.is(Inotify.IN_DELETE | Inotify.IN_MOVED_FROM) || e.is(Inotify.IN_MOVED_TO);
    }

    /** True (once) when something woke the loop since the last call: the directory should be scanned now. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** Keeps a change that could not be acted on yet (a roll is under way) for the next turn. */
    void changedAgain() {
        changed.set(true);
    }

    /** How many events about deployable names were seen so far: stamps are numbered by it. */
    long eventCount() {
        return events.get();
    }

    /** The name's stamp now (see the class comment), or 0 when no event about it was seen. */
    long stamp(String name) {
        return stamps.getOrDefault(name, 0L);
    }
}
