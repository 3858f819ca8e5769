package io.jgunicorn.container;

import io.jgunicorn.config.Config;
import io.jgunicorn.config.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the app source before anything starts, so a missing WAR is a one-line usage error
 * (exit 2) rather than a worker that fails to boot. Paths become absolute (workers may chdir).
 * With no source at all, the bundled hello app is served.
 */
final class AppSources {

    private AppSources() {}

    /** The directory relative paths resolve against: {@code chdir} if set (it must exist), else cwd. */
    static Path baseDir(Config config, Path cwd) {
        String chdir = config.string("chdir");
        if (chdir == null) {
            return cwd;
        }
        Path d = cwd.resolve(chdir).toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new UsageException("chdir directory not found: " + chdir);
        }
        return d;
    }

    static Config resolve(Config config, Path cwd) {
        Map<String, Object> changes = new HashMap<>();
        for (String file : java.util.List.of("pidfile", "control_socket", "worker_tmp_dir", "heap_dump_dir")) {
            if (config.string(file) != null) {
                changes.put(file, cwd.resolve(config.string(file)).toAbsolutePath().normalize().toString());
            }
        }
        if (config.string("chdir") != null) {
            changes.put("chdir", cwd.toString());
        }
        String app = config.string("app");
        String war = config.string("war");
        String paste = config.string("paste");
        String dir = config.string("deploy_dir");
        if (app == null && war == null && paste == null && dir == null) {
            changes.put("war", bundledHello().toString());
        } else if (war != null) {
            changes.put("war", existing("WAR", war, cwd).toString());
        } else if (paste != null) {
            int hash = paste.indexOf('#');
            String file = hash < 0 ? paste : paste.substring(0, hash);
            changes.put("paste", existing("INI file", file, cwd) + (hash < 0 ? "" : paste.substring(hash)));
        } else if (dir != null) {
            Path d = cwd.resolve(dir).toAbsolutePath().normalize();
            if (!Files.isDirectory(d)) {
                throw new UsageException("deploy directory not found: " + dir);
            }
            changes.put("deploy_dir", d.toString());
        } else if (looksLikePath(app)) {
            String what = app.endsWith(".ini") ? "INI file" : "WAR";
            changes.put("app", existing(what, app, cwd).toString());
        } else if (!app.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
            throw new UsageException("APP '" + app + "' is neither a WAR, a directory, an .ini file nor a class name");
        }
        return config.with(changes);
    }

    private static boolean looksLikePath(String app) {
        return app.endsWith(".war") || app.endsWith(".ini") || app.contains("/") || Files.exists(Path.of(app));
    }

    private static Path existing(String what, String value, Path cwd) {
        Path p = cwd.resolve(value).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new UsageException(what + " not found: " + value);
        }
        return p;
    }

    /** {@code $jgunicorn.home/apps/hello.war}, put there by the distribution build. */
    static Path bundledHello() {
        String home = System.getProperty("jgunicorn.home");
        Path p = home == null ? null : Path.of(home, "apps", "hello.war");
        if (p == null || !Files.isRegularFile(p)) {
            throw new UsageException("no APP given and the bundled hello app is missing"
                    + (p == null ? " (jgunicorn.home is not set)" : " (" + p + ")"));
        }
        return p;
    }
}
