package io.jgunicorn.container.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size, from /proc (Linux). */
final class Memory {

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    private Memory() {}

    /** Resident bytes, or 0 when /proc cannot be read. */
    static long residentBytes() {
        try {
            String[] f = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
