package io.jgunicorn.deploy.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an {@link AppFactory} declares. Classes are named, not instantiated: the container creates
 * them with the application's class loader, runs their lifecycle and injects their init parameters,
 * exactly as for classes named in a web.xml.
 */
public interface AppBuilder {

    /** Where the application is mounted ("" for the root). */
    String contextPath();

    AppBuilder servlet(String name, String className, Map<String, String> initParams, String... urlPatterns);

    /** A filter on the given URL patterns for REQUEST dispatches. */
    AppBuilder filter(String name, String className, Map<String, String> initParams, String... urlPatterns);

    AppBuilder listener(String className);

    /** A {@code ServletContainerInitializer}; its {@code @HandlesTypes} are matched against the class path. */
    AppBuilder initializer(String className);

    AppBuilder contextParam(String name, String value);

    /** Serve static files from this directory (default: none). */
    AppBuilder staticFiles(Path directory);

    AppBuilder displayName(String name);
}
