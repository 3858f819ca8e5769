package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' AOT cache kept between runs ({@link AotCacheStore}), as the arbiter's loop drives it:
 * after each (re)configuration the workers get the cache of their key when there is one; when there
 * is none, once the generation is serving, a training worker makes it in the background at a lower
 * CPU priority, and workers spawned after that (respawns, HUP, the next start) map it.
 */
final class KeptAotCache {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");

    private final WorkerLauncher launcher;
    private final Path runDir;
    private AotCacheStore store;
    private String key;
    private String storeRefusal;
    /** The cache last named in the log. */
    private Path announced;
    private WorkerLauncher.Training training;
    private String trainingKey;
    private long trainingStartedNanos;
    /** When the generation's workers were first seen all up (0: not now). */
    private long servingSinceNanos;
    private static final long SETTLE_NANOS = 10_000_000_000L;
    /** Keys whose training failed in this run: not tried again until the arbiter restarts. */
    private final Set<String> failed = new HashSet<>();

    KeptAotCache(WorkerLauncher launcher, Path runDir) {
        this.launcher = launcher;
        this.runDir = runDir;
    }

    /** After {@link WorkerLauncher#configure}: workers of this generation map the cache of its key, if made. */
    void configured(Config config) {
        store = AotCacheStore.open(config, why -> {
            if (!why.equals(storeRefusal)) {
                log.info("No AOT cache kept for the workers: {}", why);
                storeRefusal = why;
            }
        });
        if (store == null) {
            key = null;
            cancel();
            return;
        }
        String next = AotCacheStore.key(launcher.workerJvm(), System.getProperty("java.class.path"), appName(config));
        if (training != null && !next.equals(trainingKey)) {
            cancel(); // made for options the workers no longer start with
        }
        key = next;
        Path found = store.find(key);
        if (found != null) {
            launcher.useAotCache(found);
            if (!found.equals(announced)) {
                log.info("Workers map the AOT cache {} (made by an earlier start)", found);
                announced = found;
            }
        }
    }

    /**
     * From the arbiter's loop; {@code serving}: the generation's workers are all up. The training
     * starts once they have served for {@link #SETTLE_NANOS}: not in the start's first burst of
     * requests and JIT work, and not for a server that is stopped again at once.
     */
    void tick(boolean serving) {
        if (training != null) {
            Boolean made = training.poll();
            if (made != null) {
                finished(made);
            }
            return;
        }
        long now = System.nanoTime();
        if (!serving) {
            servingSinceNanos = 0;
            return;
        }
        if (servingSinceNanos == 0) {
            servingSinceNanos = now;
        }
        if (now - servingSinceNanos >= SETTLE_NANOS && store != null && key != null && launcher.aotCache() == null
                && !failed.contains(key)) {
            start();
        }
    }

    private void start() {
        trainingKey = key;
        trainingStartedNanos = System.nanoTime();
        try {
            training = launcher.startTraining(store.scratch(key, ".aotconf"), store.scratch(key, ".aot"),
                    runDir.resolve("aot-training"), true);
        } catch (IOException e) {
            failed.add(key);
            log.warn("AOT cache not made for the workers: {}", e.getMessage());
        }
    }

    private void finished(boolean made) {
        WorkerLauncher.Training done = training;
        training = null;
        if (!made) {
            failed.add(trainingKey);
            log.warn("AOT cache not made for the workers: {}; they start without one", done.failure());
            return;
        }
        try {
            Path cache = store.publish(store.scratch(trainingKey, ".aot"), trainingKey);
            if (trainingKey.equals(key)) {
                launcher.useAotCache(cache);
            }
            log.info("AOT cache made in {} ms: workers started from now on (and in later runs) map {}",
                    (System.nanoTime() - trainingStartedNanos) / 1_000_000, cache);
            announced = cache;
        } catch (IOException e) {
            failed.add(trainingKey);
            log.warn("AOT cache not kept: {}", e.getMessage());
        }
    }

    /** At stop, or when the options change: the training JVM at work is killed. */
    void cancel() {
        if (training != null) {
            training.cancel();
            training = null;
        }
    }

    /** The application's file name: one of the cache key's parts (its classes decide what is trained). */
    private static String appName(Config config) {
        for (String kind : java.util.List.of("war", "paste", "deploy_dir", "app")) {
            String v = config.string(kind);
            if (v != null) {
                Path name = Path.of(v).getFileName();
                return kind + ":" + (name == null ? v : name.toString());
            }
        }
        return "";
    }
}
