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
}
