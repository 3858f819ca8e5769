package io.jgunicorn.container.worker;

import io.jgunicorn.config.WorkerClasses;
import java.util.List;

/** Creates a worker class by its {@code -k} name; the names and aliases are config's {@link WorkerClasses}. */
public final class Workers {

    /** Canonical names, in the order the CLI should list them ({@link WorkerClasses#NAMES}). */
    public static final List<String> NAMES = WorkerClasses.NAMES;

    private Workers() {}

    /**
     * The canonical class for {@code workerClass} given the {@code threads} setting: an alias maps to
     * its class, and {@code sync} with more than one thread becomes {@code gthread} (as in Gunicorn).
     *
     * @throws IllegalArgumentException naming the valid classes when the name is unknown
     */
    public static String canonicalName(String workerClass, int threads) {
        return WorkerClasses.canonical(workerClass, threads);
    }

    /** The worker serving {@code ctx.listeners()} with {@code ctx.app()}. */
    public static Worker create(String workerClass, WorkerContext ctx) {
        return switch (canonicalName(workerClass, ctx.config().integer("threads"))) {
            case "sync" -> new SyncWorker(ctx);
            case "gthread" -> ThreadWorker.gthread(ctx);
            case "virtual" -> ThreadWorker.virtual(ctx);
            default -> ThreadWorker.async(ctx);
        };
    }
}
