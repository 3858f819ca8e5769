package io.jgunicorn.container.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the worker asks an {@link AppLoader} to load: the user's app argument and the settings that
 * shape it. The container does not know what a WAR is; loaders decide whether a source is theirs.
 *
 * @param source      the app argument: a WAR file, exploded directory, .ini file or class name
 * @param kind        how the user named it ({@code app}, {@code war}, {@code paste}, {@code deploy-dir})
 * @param contextPath where a single app is mounted ("" is the root)
 * @param workDir     a private directory the loader may use (unpacked WARs, temp files); its parent is
 *                    shared by every worker of the same arbiter (the embedded session store lives there)
 * @param classpath   extra class path entries ({@code --classpath}) for class-name apps
 * @param settings    every resolved setting by its Gunicorn-style name, as strings
 */
public record AppSpec(
        String source,
        String kind,
        String contextPath,
        Path workDir,
        List<Path> classpath,
        Map<String, String> settings) {

    public AppSpec {
        classpath = List.copyOf(classpath);
        settings = Map.copyOf(settings);
    }
}
