package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.process.WorkerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The arbiter's record of one worker process: its pid, age (spawn order), heartbeat file and
 * state. The heartbeat file (Gunicorn's WorkerTmp) follows the {@link WorkerContract}: "ready" once
 * its app is loaded, "leaving" once it stops on its own, an mtime touched while it is alive.
 */
final class WorkerProcess {

    final long pid;
    final int age;
    final int generation;
    final Path heartbeat;
    final Path workDir;
    final long spawnedAtMillis;
    /** When the arbiter asked it to stop (TERM/INT/USR2), or 0. */
    long stopRequestedAtMillis;
    /** When it was found silent past the timeout, or 0. */
    long abortedAtMillis;
    boolean retiring;
    boolean readyLogged;
    private boolean leaving;
    private static final int READY_SIZE = WorkerContract.READY.length();
    /** Why the arbiter sent SIGKILL itself, for the log line when it is reaped; null otherwise. */
    String killedBecause;

    /** SIGKILL from the arbiter, with the reason its exit is logged with. */
    void kill(String because) {
        if (killedBecause == null) {
            killedBecause = because;
        }
        io.jgunicorn.container.posix.Posix.kill(pid, io.jgunicorn.container.posix.Posix.SIGKILL);
    }

    WorkerProcess(long pid, int age, int generation, Path heartbeat, Path workDir) {
        this.pid = pid;
        this.age = age;
        this.generation = generation;
        this.heartbeat = heartbeat;
        this.workDir = workDir;
        this.spawnedAtMillis = System.currentTimeMillis();
    }

    /** True once the worker has loaded its app and started serving. */
    boolean isReady() {
        try {
            return Files.size(heartbeat) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The error a worker whose application failed to load wrote beside its heartbeat file
     * ({@code HEARTBEAT.failed}), or null.
     */
    String loadFailure() {
        try {
            String text = Files.readString(failureFile(heartbeat)).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    static Path failureFile(Path heartbeat) {
        return WorkerContract.failureFile(heartbeat);
    }

    /**
     * True once the worker said it is leaving on its own (max requests, memory): it accepts nothing
     * more, so its replacement may start now. It writes {@code leaving} over {@code ready} in its
     * heartbeat file ({@code worker.Heartbeat}); only a file longer than "ready\n" needs a read.
     */
    boolean leavingOnItsOwn() {
        if (leaving) {
            return true;
        }
        try {
            leaving = Files.size(heartbeat) > READY_SIZE && Files.readString(heartbeat).startsWith(WorkerContract.LEAVING.strip());
        } catch (IOException e) {
            return false;
        }
        return leaving;
    }

    /**
     * True once the worker wrote {@code stopped} over its heartbeat file: its listeners and every
     * connection are closed, so it serves nothing more, though it may still be closing its
     * application before it exits.
     */
    boolean stoppedServing() {
        if (stopped) {
            return true;
        }
        try {
            stopped = Files.size(heartbeat) > READY_SIZE && Files.readString(heartbeat).startsWith(WorkerContract.STOPPED.strip());
        } catch (IOException e) {
            return false;
        }
        return stopped;
    }

    private boolean stopped;

    /** Millis of the last heartbeat (the file's mtime); the spawn time if the file is gone. */
    long lastHeartbeatMillis() {
        try {
            return Files.getLastModifiedTime(heartbeat).toMillis();
        } catch (IOException e) {
            return spawnedAtMillis;
        }
    }

    /** What {@code jgunicorn ctl show workers} shows of it. */
    Map<String, Object> view(long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("age", age);
        m.put("generation", generation);
        m.put("ready", isReady());
        m.put("stopping", stopRequestedAtMillis != 0);
        m.put("last_heartbeat_ms_ago", Math.max(0, now - lastHeartbeatMillis()));
        m.put("uptime_s", (now - spawnedAtMillis) / 1000);
        return m;
    }

    /**
     * Once reaped: its heartbeat file, its directory and the applications it unpacked beside it
     * ({@code worker-N-deploy-K}).
     */
    void deleteFiles() {
        try {
            Files.deleteIfExists(heartbeat);
            Files.deleteIfExists(failureFile(heartbeat));
            FileTrees.delete(workDir);
            try (var siblings = Files.newDirectoryStream(workDir.getParent(), workDir.getFileName() + "-*")) {
                for (Path p : siblings) {
                    FileTrees.delete(p);
                }
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(WorkerProcess.class).debug("cleanup of {} failed: {}", this, e.toString());
        }
    }

    @Override
    public String toString() {
        return "worker " + pid + " (age " + age + ")";
    }
}
