package io.jgunicorn.bridge.session;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Opens {@link SharedSessionStore}s for a {@code session_store} setting such as {@code embedded},
 * {@code redis://host:6379} or {@code jdbc:postgresql://host/db}. Found with {@link ServiceLoader},
 * so the bridge depends on no store module.
 */
public interface SessionStoreProvider {

    /** Whether this provider handles the setting's value (usually by its scheme). */
    boolean accepts(String spec);

    /**
     * Opens the store of one servlet context.
     *
     * @param spec      the setting's value
     * @param sharedDir a directory every worker of this arbiter shares (for file-based stores)
     * @param context   the context's name in the store ({@code /} for the root context)
     */
    SharedSessionStore open(String spec, Path sharedDir, String context);

    /** The provider for {@code spec}, or an IllegalArgumentException naming the missing module. */
    static SessionStoreProvider find(String spec) {
        for (SessionStoreProvider p : ServiceLoader.load(SessionStoreProvider.class, SessionStoreProvider.class.getClassLoader())) {
            if (p.accepts(spec)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no session store module handles '" + spec
                + "' (is the jgunicorn-session-redis or jgunicorn-session-jdbc jar on the server class path?)");
    }
}
