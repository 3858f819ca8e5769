package io.jgunicorn.container;

import io.jgunicorn.config.Config;
import io.jgunicorn.config.ConfigException;
import io.jgunicorn.config.ConfigLoader;
import io.jgunicorn.config.Settings;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Settings declared by the app source itself (an INI descriptor's {@code [server:main]}, as with
 * {@code gunicorn --paste}): the configuration is resolved once to find the source, then again
 * with those settings as a layer under the config file, so the file and the command line still win.
 */
final class SourceSettings {

    private SourceSettings() {}

    static ConfigLoader.Result load(String[] args, Map<String, String> env, Path cwd) {
        ConfigLoader.Result first = ConfigLoader.load(args, env, cwd);
        if (first.config() == null) {
            return first;
        }
        Config config = first.config();
        String source = config.string("paste") != null ? config.string("paste") : config.string("app");
        String kind = config.string("paste") != null ? "paste" : "app";
        if (source == null || !source.split("#")[0].endsWith(".ini")) {
            return first;
        }
        Path base = AppSources.baseDir(config, cwd);
        if (!java.nio.file.Files.isRegularFile(base.resolve(source.split("#")[0]))) {
            return first; // AppSources reports the missing file as a usage error
        }
        AppSpec spec = new AppSpec(base.resolve(source).toString(), kind, "", base, List.of(), config.asText());
        Map<String, String> declared = declared(spec);
        if (declared.isEmpty()) {
            return first;
        }
        Map<String, String> settings = new TreeMap<>(declared);
        settings.keySet().retainAll(Settings.byName().keySet());
        declared.keySet().removeAll(settings.keySet());
        if (!declared.isEmpty()) {
            System.err.println(Main.PROG + ": warning: " + source.split("#")[0]
                    + " [server:main]: ignoring keys that are not jgunicorn settings: " + String.join(", ", declared.keySet()));
        }
        return ConfigLoader.load(args, env, cwd, settings, source.split("#")[0] + " [server:main]");
    }

    private static Map<String, String> declared(AppSpec spec) {
        for (AppLoader loader : ServiceLoader.load(AppLoader.class)) {
            if (loader.supports(spec)) {
                try {
                    return new TreeMap<>(loader.serverSettings(spec));
                } catch (AppLoadException e) {
                    throw new ConfigException(null, e.getMessage());
                }
            }
        }
        return Map.of();
    }
}
