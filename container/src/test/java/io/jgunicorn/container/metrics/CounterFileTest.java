package io.jgunicorn.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counter files: what a worker adds through its mapping, the arbiter reads through its own. */
class CounterFileTest {

    @TempDir
    Path dir;

    @Test
    void twoMappingsOfOneFileSeeEachOthersAtomicAdds() throws Exception {
        Path file = CounterFile.path(dir, 7);
        try (CounterFile arbiter = CounterFile.create(file); CounterFile worker = CounterFile.openIfPresent(file)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        worker.record(200, 1_000_000); // 1 ms
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            worker.record(404, 3_000_000_000L); // 3 s
            worker.record(503, 20_000_000_000L); // 20 s: only +Inf
            long[] s = arbiter.snapshot();
            assertEquals(CounterFile.VERSION, s[0]);
            assertEquals(40_000, s[CounterFile.STATUS_CLASS + 1]);
            assertEquals(1, s[CounterFile.STATUS_CLASS + 3]);
            assertEquals(1, s[CounterFile.STATUS_CLASS + 4]);
            assertEquals(40_000, s[CounterFile.BUCKET]); // le 0.005
            assertEquals(1, s[CounterFile.BUCKET + 9]); // le 5
            assertEquals(1, s[CounterFile.BUCKET + CounterFile.BUCKETS_SECONDS.length]); // +Inf
            assertEquals(40_000L * 1_000_000 + 23_000_000_000L, s[CounterFile.DURATION_SUM]);
        }
    }

    @Test
    void bucketBoundariesAreInclusive() {
        assertEquals(0, CounterFile.bucket(5_000_000));
        assertEquals(1, CounterFile.bucket(5_000_001));
        assertEquals(7, CounterFile.bucket(1_000_000_000));
        assertEquals(CounterFile.BUCKETS_SECONDS.length, CounterFile.bucket(10_000_000_001L));
    }

    @Test
    void noFileMeansNoCounters() throws Exception {
        assertNull(CounterFile.openIfPresent(dir.resolve("absent.metrics")));
        Files.writeString(dir.resolve("short.metrics"), "x");
        assertNull(CounterFile.openIfPresent(dir.resolve("short.metrics")));
    }

    @Test
    void anExitedWorkersCountsStayInTheTotalsButItsInFlightDoesNot() throws Exception {
        CounterRegistry reg = new CounterRegistry(dir);
        reg.spawning(1);
        reg.spawned(1, 101);
        reg.spawning(2);
        reg.spawned(2, 102);
        try (CounterFile w1 = CounterFile.openIfPresent(CounterFile.path(dir, 1));
                CounterFile w2 = CounterFile.openIfPresent(CounterFile.path(dir, 2))) {
            w1.record(200, 1);
            w1.record(200, 1);
            w1.add(CounterFile.IN_FLIGHT, 1); // killed mid-request
            w2.record(500, 1);
            w2.add(CounterFile.IN_FLIGHT, 1);
            CounterRegistry.Totals before = reg.totals();
            assertEquals(2, before.slots()[CounterFile.IN_FLIGHT]);
            assertEquals(2, before.live().size());
            reg.exited(1);
            CounterRegistry.Totals after = reg.totals();
            assertEquals(2, after.slots()[CounterFile.STATUS_CLASS + 1]);
            assertEquals(1, after.slots()[CounterFile.STATUS_CLASS + 4]);
            assertEquals(1, after.slots()[CounterFile.IN_FLIGHT]);
            assertEquals(List.of(102L), after.live().stream().map(CounterRegistry.Live::pid).toList());
            assertEquals(false, Files.exists(CounterFile.path(dir, 1)));
        } finally {
            reg.close();
        }
    }
}
