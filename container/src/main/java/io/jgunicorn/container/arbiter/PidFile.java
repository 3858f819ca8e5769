package io.jgunicorn.container.arbiter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The arbiter's pidfile: refuses to start over a live process, removed on exit. */
public final class PidFile {

    private Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    public static PidFile create(Path path) throws IOException {
        if (Files.exists(path)) {
            String old = Files.readString(path, StandardCharsets.US_ASCII).trim();
            if (old.matches("\\d+") && ProcessHandle.of(Long.parseLong(old)).map(ProcessHandle::isAlive).orElse(false)
                    && Long.parseLong(old) != ProcessHandle.current().pid()) {
                throw new IOException("Already running on PID " + old + " (or pid file '" + path + "' is stale)");
            }
        }
        long pid = ProcessHandle.current().pid();
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path, pid);
    }

    /** Renames the file (a new arbiter's {@code <pidfile>.2} becomes {@code <pidfile>}). */
    public synchronized void moveTo(Path target) throws IOException {
        Files.move(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        path = target;
    }

    public synchronized Path path() {
        return path;
    }

    /** Removes the file if it still holds our pid. */
    public synchronized void delete() {
        try {
            if (Files.exists(path) && Files.readString(path).trim().equals(String.valueOf(pid))) {
                Files.delete(path);
            }
        } catch (IOException ignored) {
            // nothing to do: the file is gone or not ours
        }
    }
}
