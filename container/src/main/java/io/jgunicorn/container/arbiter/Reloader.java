package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code --reload}: polls the app's files (the WAR, an exploded directory, an INI descriptor, the
 * class path) and {@code reload_extra_files} once a second, and reports the first changed file;
 * the arbiter answers with the same rolling restart as HUP. Polling, not inotify: it sees files
 * replaced by editors and build tools alike, and costs one stat per file per second.
 */
final class Reloader {

    static final long INTERVAL_MILLIS = 1000;

    private final List<Path> roots;
    private final Consumer<Path> onChange;
    private Map<Path, Long> last;
    private volatile boolean stopped;

    Reloader(List<Path> roots, Consumer<Path> onChange) {
        this.roots = List.copyOf(roots);
        this.onChange = onChange;
    }

    /** What {@code reload} watches for a configuration. */
    static List<Path> watched(Config config) {
        List<Path> out = new ArrayList<>();
        for (String key : List.of("war", "paste", "app")) {
            String v = config.string(key);
            if (v != null) {
                Path p = Path.of(v.contains("#") ? v.substring(0, v.indexOf('#')) : v);
                if (Files.exists(p)) {
                    out.add(p); // a class name (no such file) is watched through the class path
                }
            }
        }
        config.list("classpath").forEach(c -> out.add(Path.of(c)));
        config.list("reload_extra_files").forEach(f -> out.add(Path.of(f)));
        return out;
    }

    /** Starts polling on a daemon thread. */
    Reloader start() {
        last = snapshot();
        Thread.ofPlatform().daemon().name("reloader").start(this::loop);
        return this;
    }

    void stop() {
        stopped = true;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL_MILLIS); // the polling period, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
            Path changed = poll();
            if (changed != null && !stopped) {
                onChange.accept(changed);
            }
        }
    }

    /** Compares with the previous look; returns a changed, added or removed file, or null. */
    Path poll() {
        Map<Path, Long> now = snapshot();
        Path changed = null;
        for (var e : now.entrySet()) {
            if (!e.getValue().equals(last.get(e.getKey()))) {
                changed = e.getKey();
                break;
            }
        }
        if (changed == null) {
            changed = last.keySet().stream().filter(p -> !now.containsKey(p)).findFirst().orElse(null);
        }
        last = now;
        return changed;
    }

    /** Modification time and size of every regular file under the roots, as one number per file. */
    private Map<Path, Long> snapshot() {
        Map<Path, Long> m = new HashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.forEach(p -> stamp(p, m));
            } catch (IOException | UncheckedIOException e) {
                // a directory changing under the walk: the next poll looks again
            }
        }
        return m;
    }

    private static void stamp(Path p, Map<Path, Long> m) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (a.isRegularFile()) {
                m.put(p, a.lastModifiedTime().toMillis() * 31 + a.size());
            }
        } catch (IOException gone) {
            // removed between listing and reading: counts as removed
        }
    }
}
