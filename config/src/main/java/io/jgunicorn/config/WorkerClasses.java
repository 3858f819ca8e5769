package io.jgunicorn.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worker classes {@code -k} / {@code worker_class} accepts, with Gunicorn's aliases: the one
 * table of them. The setting's validator and the worker process ({@code container.worker.Workers})
 * both ask this class, so a class or alias added here is known everywhere.
 */
public final class WorkerClasses {

    /** Canonical names, in the order the CLI and the docs list them. */
    public static final List<String> NAMES = List.of("sync", "gthread", "virtual", "async");

    /** Every accepted name (lower case) and the class it means. */
    static final Map<String, String> ALIASES = Map.of(
            "sync", "sync", "gthread", "gthread", "virtual", "virtual", "gevent", "virtual",
            "eventlet", "virtual", "async", "async", "tornado", "async", "asgi", "async");

    /** What an error message lists as valid. */
    public static final String VALID = "sync, gthread, virtual (aliases gevent, eventlet), async (aliases tornado, asgi)";

    private WorkerClasses() {}

    /**
     * The canonical class for {@code workerClass} given the {@code threads} setting: an alias maps to
     * its class (in any case), and {@code sync} with more than one thread becomes {@code gthread}
     * (as in Gunicorn).
     *
     * @throws IllegalArgumentException naming the valid classes when the name is unknown
     */
    public static String canonical(String workerClass, int threads) {
        String name = ALIASES.get(workerClass == null ? "" : workerClass.trim().toLowerCase(Locale.ROOT));
        if (name == null) {
            throw new IllegalArgumentException("Unknown worker class '" + workerClass + "'; valid: " + VALID);
        }
        return "sync".equals(name) && threads > 1 ? "gthread" : name;
    }

    /** Whether {@code workerClass} names a class or an alias. */
    public static boolean isKnown(String workerClass) {
        return workerClass != null && ALIASES.containsKey(workerClass.trim().toLowerCase(Locale.ROOT));
    }
}
