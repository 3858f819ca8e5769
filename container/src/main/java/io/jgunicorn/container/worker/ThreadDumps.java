package io.jgunicorn.container.worker;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thread dumps for the error log. Uses HotSpot's {@code dumpThreads}, which, unlike
 * {@code Thread.getAllStackTraces}, includes unmounted virtual threads.
 */
final class ThreadDumps {

    private ThreadDumps() {}

    static String dump() {
        try {
            Path tmp = Files.createTempFile("jgunicorn-threads-", ".txt");
            Files.delete(tmp); // dumpThreads refuses to overwrite
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(tmp.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                return Files.readString(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            StringBuilder sb = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, st) -> {
                sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement el : st) {
                    sb.append("    at ").append(el).append('\n');
                }
            });
            return sb.toString();
        }
    }
}
