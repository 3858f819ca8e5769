package io.jgunicorn.container.worker;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates a worker class by its {@code -k} name, with Gunicorn's aliases. */
public final class Workers {

    /** Canonical names, in the order the CLI should list them. */
    public static final List<String> NAMES = List.of("sync", "gthread", "virtual", "async");

    private static final Map<String, String> ALIASES = Map.of(
            "sync", "sync", "gthread", "gthread", "virtual", "virtual", "gevent", "virtual",
            "eventlet", "virtual", "async", "async", "tornado", "async", "asgi", "async");

    private Workers() {}

    /**
     * The canonical class for {@code workerClass} given the {@code threads} setting: an alias maps to
     * its class, and {@code sync} with more than one thread becomes {@code gthread} (as in Gunicorn).
     *
     * @throws IllegalArgumentException naming the valid classes when the name is unknown
     */
    public static String canonicalName(String workerClass, int threads) {
        String name = ALIASES.get(workerClass == null ? "" : workerClass.trim().toLowerCase(Locale.ROOT));
        if (name == null) {
            throw new IllegalArgumentException("Unknown worker class '" + workerClass + "'; valid: "
                    + "sync, gthread, virtual (aliases gevent, eventlet), async (aliases tornado, asgi)");
        }
        return "sync".equals(name) && threads > 1 ? "gthread" : name;
    }

    /** The worker serving {@code ctx.listeners()} with {@code ctx.app()}. */
    public static Worker create(String workerClass, WorkerContext ctx) {
        return switch (canonicalName(workerClass, ctx.intSetting("threads", 1))) {
            case "sync" -> new SyncWorker(ctx);
            case "gthread" -> ThreadWorker.gthread(ctx);
            case "virtual" -> new VirtualThreadWorker(ctx);
            default -> ThreadWorker.async(ctx);
        };
    }
}
