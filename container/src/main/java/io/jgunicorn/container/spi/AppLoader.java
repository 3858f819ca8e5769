package io.jgunicorn.container.spi;

/**
 * Turns an {@link AppSpec} into a running {@link HttpApplication}. Implementations are found with
 * {@link java.util.ServiceLoader}; the first whose {@link #supports} answers true loads the app.
 */
public interface AppLoader {

    /** True if this loader understands {@code spec} (a .war file, a directory, a class name, ...). */
    boolean supports(AppSpec spec);

    /**
     * Loads and starts the application.
     *
     * @throws AppLoadException naming the file and the problem when the app cannot be loaded
     */
    HttpApplication load(AppSpec spec) throws AppLoadException;

    /**
     * Server settings the app source itself declares (an INI descriptor's {@code [server:main]}), by
     * setting name, for the arbiter to apply below its config file; empty by default. Called in the
     * arbiter before anything starts, so it must not start the application.
     *
     * @throws AppLoadException naming the file, section and key of a problem
     */
    default java.util.Map<String, String> serverSettings(AppSpec spec) throws AppLoadException {
        return java.util.Map.of();
    }

    /**
     * A spare worker (setting {@code deploy_spare_workers}) calls this on every loader while it
     * waits for its settings: the loader may load its own classes ahead of need, but must not read
     * settings, log, start threads or touch any application. Nothing by default.
     */
    default void warmUp() {}
}
