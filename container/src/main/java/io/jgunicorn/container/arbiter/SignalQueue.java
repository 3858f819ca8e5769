package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.Posix;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Signals become names in a small queue the arbiter's loop reads (Gunicorn's SIG_QUEUE, capped
 * at 5 so a signal storm cannot grow it). QUIT stays with the JVM for thread dumps.
 */
final class SignalQueue {

    static final Map<String, Integer> HANDLED = Map.of(
            "HUP", Posix.SIGHUP, "TERM", Posix.SIGTERM, "INT", Posix.SIGINT,
            "TTIN", Posix.SIGTTIN, "TTOU", Posix.SIGTTOU, "USR1", Posix.SIGUSR1,
            "USR2", Posix.SIGUSR2, "WINCH", Posix.SIGWINCH, "CHLD", Posix.SIGCHLD);

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(5);

    void install() {
        for (Map.Entry<String, Integer> e : HANDLED.entrySet()) {
            // a signal ignored at JVM start (nohup, `cmd &`) would register yet never fire
            Posix.resetToDefault(e.getValue());
            try {
                Signal.handle(new Signal(e.getKey()), sig -> offer(sig.getName()));
            } catch (IllegalArgumentException reservedByTheVm) {
                // CHLD may be taken by the JVM: the loop polls children anyway
            }
        }
    }

    /** Queues a signal name; CHLD only wakes the loop, which reaps on every turn anyway. */
    void offer(String name) {
        queue.offer(name); // when full the signal is dropped, as in Gunicorn
    }

    /** The next signal, or null when none came within the timeout. */
    String poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }
}
