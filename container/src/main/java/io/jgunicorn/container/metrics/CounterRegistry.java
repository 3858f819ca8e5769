package io.jgunicorn.container.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arbiter's view of every worker's {@link CounterFile}, plus the totals of workers that have
 * exited, so counters never go down when a worker is replaced (Prometheus counters must not).
 * Called from the arbiter loop (spawn, exit) and the metrics thread (scrape): hence the lock.
 */
final class CounterRegistry {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.metrics");

    /** A live worker's counters. */
    record Live(long pid, int age, long[] slots) {}

    /** Totals across all workers, live and gone, and each live worker's own counters. */
    record Totals(long[] slots, java.util.List<Live> live) {}

    private final Path runDir;
    private final Map<Integer, CounterFile> files = new LinkedHashMap<>();
    private final Map<Integer, Long> pids = new LinkedHashMap<>();
    private final long[] retired = new long[CounterFile.SLOTS];

    CounterRegistry(Path runDir) {
        this.runDir = runDir;
    }

    synchronized void spawning(int age) {
        try {
            files.put(age, CounterFile.create(CounterFile.path(runDir, age)));
        } catch (IOException e) {
            log.warn("No request counters for worker {}: {}", age, e.toString());
        }
    }

    synchronized void spawned(int age, long pid) {
        pids.put(age, pid);
    }

    /** The worker has exited (been reaped): its final counts join the retired totals. */
    synchronized void exited(int age) {
        pids.remove(age);
        CounterFile f = files.remove(age);
        if (f == null) {
            return;
        }
        long[] last = f.snapshot();
        for (int i = CounterFile.STATUS_CLASS; i < CounterFile.SLOTS; i++) {
            retired[i] += last[i]; // not IN_FLIGHT: a gauge of live workers only
        }
        f.close();
        try {
            Files.deleteIfExists(CounterFile.path(runDir, age));
        } catch (IOException e) {
            log.debug("cannot delete the counters of worker {}: {}", age, e.toString());
        }
    }

    synchronized Totals totals() {
        long[] sum = retired.clone();
        java.util.List<Live> live = new java.util.ArrayList<>();
        files.forEach((age, f) -> {
            long[] s = f.snapshot();
            for (int i = CounterFile.IN_FLIGHT; i < CounterFile.SLOTS; i++) {
                sum[i] += s[i];
            }
            Long pid = pids.get(age);
            if (pid != null) {
                live.add(new Live(pid, age, s));
            }
        });
        return new Totals(sum, live);
    }

    synchronized void close() {
        files.values().forEach(CounterFile::close);
        files.clear();
    }
}
