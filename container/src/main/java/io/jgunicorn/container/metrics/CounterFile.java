package io.jgunicorn.container.metrics;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One worker's request counters in a small file in the arbiter's run directory, mapped into memory
 * by the worker (which adds to them with atomic instructions) and by the arbiter (which reads them
 * when scraped). No syscall per request, nothing lost, and the final values of a worker that exited
 * are still there for the arbiter to fold into its totals. See docs/metrics.md.
 *
 * <p>Layout, in 8-byte slots: version, requests in flight, requests by status class (1xx..5xx),
 * sum of durations (ns), then one count per duration bucket of {@link #BUCKETS_SECONDS} plus +Inf.
 */
final class CounterFile implements AutoCloseable {

    static final long VERSION = 1;
    /** The Prometheus clients' default buckets, in seconds. */
    static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    static final int IN_FLIGHT = 1;
    static final int STATUS_CLASS = 2; // 5 slots: 1xx .. 5xx
    static final int DURATION_SUM = 7;
    static final int BUCKET = 8; // BUCKETS_SECONDS.length + 1 slots
    static final int SLOTS = BUCKET + BUCKETS_SECONDS.length + 1;
    private static final long[] BUCKET_NANOS = new long[BUCKETS_SECONDS.length];
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    static {
        for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
            BUCKET_NANOS[i] = Math.round(BUCKETS_SECONDS[i] * 1e9);
        }
    }

    private final Arena arena;
    private final MemorySegment slots;

    private CounterFile(Arena arena, MemorySegment slots) {
        this.arena = arena;
        this.slots = slots;
    }

    /** Where the worker of this age finds its file, next to its heartbeat file. */
    static Path path(Path runDir, int age) {
        return runDir.resolve("worker-" + age + ".metrics");
    }

    /** The arbiter creates the (zeroed) file before spawning the worker. */
    static CounterFile create(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(SLOTS * 8), 0);
        }
        CounterFile f = map(file);
        f.slots.set(ValueLayout.JAVA_LONG, 0, VERSION);
        return f;
    }

    /** Maps an existing file, or returns null when there is none (metrics are off). */
    static CounterFile openIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) == SLOTS * 8L ? map(file) : null;
    }

    private static CounterFile map(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new CounterFile(arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, SLOTS * 8L, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    void add(int slot, long delta) {
        LONG.getAndAdd(slots, slot * 8L, delta);
    }

    long get(int slot) {
        return (long) LONG.getVolatile(slots, slot * 8L);
    }

    /** Counts one finished request: its status class, duration and histogram bucket. */
    void record(int status, long durationNanos) {
        int cls = Math.clamp(status / 100, 1, 5);
        add(STATUS_CLASS + cls - 1, 1);
        add(DURATION_SUM, durationNanos);
        add(BUCKET + bucket(durationNanos), 1);
    }

    static int bucket(long nanos) {
        for (int i = 0; i < BUCKET_NANOS.length; i++) {
            if (nanos <= BUCKET_NANOS[i]) {
                return i;
            }
        }
        return BUCKET_NANOS.length;
    }

    /** Every slot's current value. */
    long[] snapshot() {
        long[] out = new long[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
