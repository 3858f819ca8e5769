package io.jgunicorn.container.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -n/--name}: names the process for ps and top. A JVM cannot rewrite its argv, but a process
 * may rename its own threads; the main (leader) thread's name is the process's {@code comm}, at most
 * 15 bytes (Linux), which {@code ps -o comm}, {@code top} and {@code pkill} show.
 */
public final class ProcessName {

    private ProcessName() {}

    public static void set(String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        long pid = ProcessHandle.current().pid();
        try {
            Files.writeString(Path.of("/proc/self/task/" + pid + "/comm"), comm);
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is read-only: the name is cosmetic
        }
    }
}
