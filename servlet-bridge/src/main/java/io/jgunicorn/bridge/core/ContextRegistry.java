package io.jgunicorn.bridge.core;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The started applications of one worker, for {@link ServletContext#getContext}: an application is
 * added once it has started and removed when it stops. One registry is shared by the applications
 * a worker serves together (a deploy directory, an INI url map); it is never global, so only apps of
 * the same worker see each other.
 */
public final class ContextRegistry {

    private static final Comparator<Deployment> LONGEST_FIRST =
            Comparator.comparingInt((Deployment c) -> c.contextPath().length()).reversed();

    // longest context path first; replaced whole at start and stop, read on every getContext
    private volatile List<Deployment> contexts = List.of();

    synchronized void add(Deployment context) {
        List<Deployment> next = new ArrayList<>(contexts);
        next.add(context);
        next.sort(LONGEST_FIRST);
        contexts = List.copyOf(next);
    }

    synchronized void remove(Deployment context) {
        contexts = contexts.stream().filter(c -> c != context).toList();
    }

    /**
     * The context whose path is the longest prefix of {@code uriPath} on a segment boundary
     * ({@code /a} takes {@code /a} and {@code /a/x}, never {@code /ab}; the root takes the rest), or null.
     */
    public Deployment find(String uriPath) {
        if (uriPath == null || !uriPath.startsWith("/")) {
            return null;
        }
        for (Deployment context : contexts) {
            if (covers(context.contextPath(), uriPath)) {
                return context;
            }
        }
        return null;
    }

    /** True when {@code uriPath} is at or below {@code contextPath} ("" covers every path). */
    static boolean covers(String contextPath, String uriPath) {
        return contextPath.isEmpty() || uriPath.equals(contextPath)
                || uriPath.startsWith(contextPath) && uriPath.charAt(contextPath.length()) == '/';
    }
}
