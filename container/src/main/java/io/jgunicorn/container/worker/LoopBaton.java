package io.jgunicorn.container.worker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Who turns the virtual class's selector loop: a platform thread or a virtual one, never both. The
 * loop's state (selector, timers, accepting) belongs to whoever holds the baton, and passing it
 * (a volatile write read by the taker) publishes that state to the next holder.
 *
 * <p>While the worker has requests to serve, the virtual thread holds it: it polls the selector and
 * yields its carrier to the requests it started, so a keep-alive request is read, served and answered
 * on one OS thread with no hand-off (as async does). When a poll finds nothing, it hands the baton
 * back and the platform thread waits in {@code select()}; when that wakes with requests, the platform
 * thread starts them and hands the baton over again. So idle waits and the turns of a light load run
 * on the platform thread, and the turns of a busy one on a carrier.
 *
 * <p>The platform thread guards the hand-over: requests that compute without pausing on every
 * carrier could keep the virtual thread waiting for one, and with it accepting, reading heads and
 * the heartbeat. When the virtual thread has been offered the baton (handed over, or yielded its
 * carrier) and not run for {@code starvedNanos}, the platform thread takes it back and keeps it for
 * {@code holdNanos} before offering it again. It can take it only while offered: a virtual thread
 * parked elsewhere in its turn (on a lock a request holds) keeps it until it runs again.
 *
 * <p>States: {@link #PLATFORM} (the platform thread's), {@link #VIRTUAL} (the virtual thread's, in a
 * turn), {@link #OFFERED} (the virtual thread's, waiting for a carrier: the guard may take it back)
 * and {@link #DONE} (the loop has ended; both threads leave).
 */
final class LoopBaton {

    static final int PLATFORM = 0;
    static final int VIRTUAL = 1;
    static final int OFFERED = 2;
    static final int DONE = 3;

    private final AtomicInteger state = new AtomicInteger(PLATFORM);
    private final long starvedNanos;
    private final long holdNanos;
    private final long checkNanos;
    private volatile Thread platform;
    private volatile Thread virtual;
    /** When the baton was last offered to the virtual thread (read by the guard after the state). */
    private volatile long offeredAt;
    /** The guard took the baton at this time: it keeps it until holdNanos have passed. */
    private long takenAt;
    private boolean taken;
    private volatile int takeovers;

    LoopBaton(long starvedNanos, long holdNanos) {
        this.starvedNanos = starvedNanos;
        this.holdNanos = holdNanos;
        this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), starvedNanos / 2);
    }

    /** The threads that take turns; the platform one is the caller of {@link #guard}. */
    void threads(Thread platform, Thread virtual) {
        this.platform = platform;
        this.virtual = virtual;
    }

    int state() {
        return state.get();
    }

    /** How many times the guard took the baton from a starved virtual thread. */
    int takeovers() {
        return takeovers;
    }

    // ---- the platform thread

    /**
     * Returns when the platform thread holds the baton (true) or the loop has ended (false); while
     * the virtual thread holds it, waits for it back and takes it if that thread starves.
     */
    boolean guard() {
        while (true) {
            int s = state.get();
            if (s == PLATFORM) {
                return true;
            }
            if (s == DONE) {
                return false;
            }
            LockSupport.parkNanos(this, checkNanos);
            if (state.get() == OFFERED && System.nanoTime() - offeredAt >= starvedNanos
                    && state.compareAndSet(OFFERED, PLATFORM)) {
                if (System.nanoTime() - offeredAt < starvedNanos) {
                    // the virtual thread ran and yielded again between the check and the take
                    state.set(OFFERED);
                    LockSupport.unpark(virtual);
                    continue;
                }
                takenAt = System.nanoTime();
                taken = true;
                takeovers++;
                return true;
            }
        }
    }

    /**
     * The platform thread's select() found work: the virtual thread takes the next turns, unless the
     * guard took the baton less than {@code holdNanos} ago. Returns whether it handed over.
     */
    boolean handOver() {
        if (taken && System.nanoTime() - takenAt < holdNanos) {
            return false;
        }
        taken = false;
        offeredAt = System.nanoTime();
        if (!state.compareAndSet(PLATFORM, OFFERED)) {
            return false; // ended meanwhile
        }
        LockSupport.unpark(virtual);
        return true;
    }

    // ---- the virtual thread

    /**
     * Returns when the virtual thread holds the baton, still or newly offered (true), or the loop
     * has ended (false); parks while the platform thread holds it.
     */
    boolean awaitTurn() {
        while (true) {
            int s = state.get();
            if (s == VIRTUAL || s == OFFERED && state.compareAndSet(OFFERED, VIRTUAL)) {
                return true; // held since its last turn, or offered now
            }
            if (s == DONE) {
                return false;
            }
            LockSupport.park(this);
        }
    }

    /**
     * Lets the requests waiting for this carrier run; true when the virtual thread still holds the
     * baton afterwards, false when the guard took it meanwhile (the turn must end untouched).
     */
    boolean yieldCarrier() {
        offeredAt = System.nanoTime();
        state.set(OFFERED);
        Thread.yield();
        return state.compareAndSet(OFFERED, VIRTUAL);
    }

    /** Nothing to do: the platform thread waits in {@code select()} instead. */
    void handBack() {
        if (state.compareAndSet(VIRTUAL, PLATFORM)) {
            LockSupport.unpark(platform);
        }
    }

    // ---- either

    /** The loop has ended (or failed): both threads leave. */
    void finish() {
        state.set(DONE);
        LockSupport.unpark(platform);
        LockSupport.unpark(virtual);
    }
}
