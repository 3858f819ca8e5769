package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The baton between virtual's two loop threads: the platform thread holds it first, hands it over
 * and gets it back, takes it from a virtual thread that does not run, and both leave at the end.
 * The test's threads stand in for the loop's (the baton does not care which kind they are).
 */
class LoopBatonTest {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void thePlatformThreadHoldsItFirstHandsItOverAndGetsItBack() throws Exception {
        LoopBaton baton = new LoopBaton(TimeUnit.SECONDS.toNanos(30), 0);
        CompletableFuture<Boolean> turn = new CompletableFuture<>();
        Thread virtual = Thread.ofVirtual().unstarted(() -> {
            turn.complete(baton.awaitTurn());
            baton.handBack();
        });
        baton.threads(Thread.currentThread(), virtual);
        assertTrue(baton.guard(), "held by the platform thread at the start");
        virtual.start();
        assertTrue(baton.handOver());
        assertTrue(turn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the virtual thread took its turn");
        assertTrue(baton.guard(), "and handed it back");
        assertEquals(LoopBaton.PLATFORM, baton.state());
        assertEquals(0, baton.takeovers());
        virtual.join(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    @Test
    void aVirtualThreadThatDoesNotRunLosesItAndTheGuardKeepsItForTheHoldTime() throws Exception {
        LoopBaton baton = new LoopBaton(TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(60));
        Thread starved = Thread.ofVirtual().unstarted(() -> { }); // offered the baton, never takes it
        baton.threads(Thread.currentThread(), starved);
        assertTrue(baton.handOver());
        assertEquals(LoopBaton.OFFERED, baton.state());
        long before = System.nanoTime();
        assertTrue(baton.guard(), "taken back");
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(20), "not before it starved");
        assertEquals(1, baton.takeovers());
        assertFalse(baton.handOver(), "kept for the hold time");
        assertEquals(LoopBaton.PLATFORM, baton.state());
    }

    @Test
    void afterTheHoldTimeItIsOfferedAgainAndTheVirtualThreadThatLostItsTurnTakesIt() throws Exception {
        LoopBaton baton = new LoopBaton(TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(50));
        CompletableFuture<Boolean> turn = new CompletableFuture<>();
        Thread virtual = Thread.ofVirtual().unstarted(() -> turn.complete(baton.awaitTurn()));
        baton.threads(Thread.currentThread(), virtual);
        baton.handOver(); // the virtual thread is not started: it cannot take it
        assertTrue(baton.guard());
        assertEquals(1, baton.takeovers());
        virtual.start();
        await("offered again once the hold time is over", baton::handOver);
        assertTrue(turn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(LoopBaton.VIRTUAL, baton.state());
    }

    @Test
    void aYieldWhileStillOfferedKeepsTheTurn() {
        LoopBaton baton = new LoopBaton(TimeUnit.SECONDS.toNanos(30), 0);
        baton.threads(Thread.currentThread(), Thread.currentThread());
        baton.handOver();
        assertTrue(baton.awaitTurn());
        assertTrue(baton.yieldCarrier(), "nobody took it during the yield");
        assertEquals(LoopBaton.VIRTUAL, baton.state());
    }

    @Test
    void finishLetsBothThreadsLeave() throws Exception {
        LoopBaton baton = new LoopBaton(TimeUnit.SECONDS.toNanos(30), 0);
        CompletableFuture<Boolean> turn = new CompletableFuture<>();
        Thread virtual = Thread.ofVirtual().unstarted(() -> turn.complete(baton.awaitTurn()));
        baton.threads(Thread.currentThread(), virtual);
        virtual.start();
        baton.finish();
        assertFalse(turn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the virtual thread leaves");
        assertFalse(baton.guard(), "and so does the platform thread");
        assertFalse(baton.handOver(), "nothing is handed over after the end");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting: " + what);
            Thread.onSpinWait();
        }
    }
}
