package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.ctl.ControlRequest;
import io.jgunicorn.container.posix.Posix;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * What wakes the arbiter's loop: signal names and control-socket requests, in one queue, so the
 * arbiter's state only ever changes on its own thread. Pending signals are capped at 5 (Gunicorn's
 * SIG_QUEUE) so a signal storm cannot grow the queue. QUIT stays with the JVM for thread dumps.
 */
final class ArbiterEvents {

    static final Map<String, Integer> SIGNALS = Map.of(
            "HUP", Posix.SIGHUP, "TERM", Posix.SIGTERM, "INT", Posix.SIGINT,
            "TTIN", Posix.SIGTTIN, "TTOU", Posix.SIGTTOU, "USR1", Posix.SIGUSR1,
            "USR2", Posix.SIGUSR2, "WINCH", Posix.SIGWINCH, "CHLD", Posix.SIGCHLD);

    private static final int MAX_PENDING_SIGNALS = 5;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(MAX_PENDING_SIGNALS + 64);
    private final AtomicInteger pendingSignals = new AtomicInteger();

    void installSignalHandlers() {
        for (Map.Entry<String, Integer> e : SIGNALS.entrySet()) {
            // a signal ignored at JVM start (nohup, `cmd &`) would register yet never fire
            Posix.resetToDefault(e.getValue());
            try {
                Signal.handle(new Signal(e.getKey()), sig -> signal(sig.getName()));
            } catch (IllegalArgumentException reservedByTheVm) {
                // CHLD may be taken by the JVM: the loop reaps on every turn anyway
            }
        }
    }

    /** Queues a signal by name; dropped when 5 are already pending, as in Gunicorn. */
    void signal(String name) {
        if (pendingSignals.incrementAndGet() <= MAX_PENDING_SIGNALS && queue.offer(name)) {
            return;
        }
        pendingSignals.decrementAndGet();
    }

    /** What {@link #wake} queues: no event, only a turn of the loop. */
    static final Object WAKE = new Object();
    private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();

    /** Makes the loop turn now (from any thread); at most one such turn is pending at a time. */
    void wake() {
        if (wakePending.compareAndSet(false, true) && !queue.offer(WAKE)) {
            wakePending.set(false);
        }
    }

    /** Queues a control request; false when the arbiter is too busy to take more. */
    boolean control(ControlRequest request) {
        return queue.offer(request);
    }

    /** The next event (a signal name or a {@link ControlRequest}), or null after the timeout. */
    Object poll(long millis) throws InterruptedException {
        Object e = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (e instanceof String) {
            pendingSignals.decrementAndGet();
        } else if (e == WAKE) {
            wakePending.set(false);
        }
        return e;
    }
}
