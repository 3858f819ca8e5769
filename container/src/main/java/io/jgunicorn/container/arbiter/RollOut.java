package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import java.util.List;

/**
 * A roll-out of workers, as on HUP or a deploy-directory change: every worker carries the
 * generation it was spawned for; {@link #begin} starts a new one while the old keeps serving;
 * once all of the new generation's workers are ready it is {@linkplain #promote promoted} (the
 * arbiter stops the old ones); when one of them fails to boot, the roll-out {@linkplain #fail fails}
 * and the arbiter goes back to the configuration that worked. The arbiter owns the workers and the
 * signals; this class owns only the numbers and the configuration to fall back to.
 */
final class RollOut {

    private int generation = 1;
    /** The generation being rolled in, or 0. */
    private int pending;
    /** The configuration before the last roll-out began, or null before the first. */
    private Config previous;

    /** The generation new workers are spawned for. */
    int generation() {
        return generation;
    }

    /** True while a new generation is rolling in. */
    boolean rolling() {
        return pending != 0;
    }

    /** True when {@code workerGeneration} is the one rolling in. */
    boolean isPending(int workerGeneration) {
        return pending != 0 && workerGeneration == pending;
    }

    /** Starts a new generation; {@code before} is the configuration to go back to if it fails. */
    int begin(Config before) {
        previous = before;
        generation++;
        pending = generation;
        return generation;
    }

    /** True once {@code wanted} workers of the pending generation are all ready. */
    boolean readyToPromote(List<WorkerProcess> workers, int wanted) {
        if (pending == 0) {
            return false;
        }
        List<WorkerProcess> fresh = workers.stream().filter(w -> w.generation == pending).toList();
        return fresh.size() >= wanted && fresh.stream().allMatch(WorkerProcess::isReady);
    }

    /** The new generation serves: nothing is pending any more. */
    void promote() {
        pending = 0;
    }

    /**
     * A worker of the pending generation failed to boot: nothing is pending any more. Returns the
     * configuration to go back to (and takes a fresh generation number for its workers, since those
     * of the failed generation may still be stopping), or null when there is none.
     */
    Config fail() {
        pending = 0;
        if (previous == null) {
            return null;
        }
        generation++;
        return previous;
    }
}
