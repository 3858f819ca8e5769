package io.jgunicorn.container.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Another process's resident set size, from /proc (Linux): one small read per worker per scrape. */
final class ProcessMemory {

    private static final long PAGE = 4096;

    private ProcessMemory() {}

    /** Resident bytes, or 0 when /proc cannot be read (not Linux, or the process is gone). */
    static long residentBytes(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
