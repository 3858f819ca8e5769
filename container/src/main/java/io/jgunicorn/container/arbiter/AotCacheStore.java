package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The workers' AOT caches kept between runs ({@code aot_cache_dir}, on unless {@code no_aot_cache}):
 * one JDK 25 AOT cache (JDK and jgunicorn classes, loaded and linked) per JDK, jgunicorn build,
 * worker JVM options and application name, made once in the background after a start and mapped by
 * every worker started after it, in this run and the next ones. A file in the store is trusted code
 * for the JVM, so the directory must belong to the user running jgunicorn and be writable by no one
 * else; otherwise it is not used.
 */
final class AotCacheStore {

    /** Caches kept: the most recently used ones; older ones (other JDKs, builds, options) are deleted. */
    private static final int KEEP = 8;

    private final Path dir;

    private AotCacheStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The store the configuration asks for, created if missing; null when it is switched off
     * ({@code no_aot_cache}, or {@code --preload}, which builds a cache of its own per generation) or
     * when the directory cannot be used (the reason goes to {@code whyNot}).
     */
    static AotCacheStore open(Config config, java.util.function.Consumer<String> whyNot) {
        if (config.bool("no_aot_cache") || config.bool("preload_app")) {
            return null;
        }
        Path dir = directory(config.string("aot_cache_dir"), System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
        if (dir == null) {
            whyNot.accept("no home directory for it (set aot_cache_dir)");
            return null;
        }
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            String refusal = unsafe(dir);
            if (refusal != null) {
                whyNot.accept(dir + " " + refusal);
                return null;
            }
            return new AotCacheStore(dir);
        } catch (IOException | UnsupportedOperationException e) {
            whyNot.accept("cannot create " + dir + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code setting}, else {@code $XDG_CACHE_HOME/jgunicorn/aot}, else {@code ~/.cache/jgunicorn/aot}. */
    static Path directory(String setting, String xdgCacheHome, String userHome) {
        if (setting != null && !setting.isBlank()) {
            return Path.of(setting).toAbsolutePath();
        }
        if (xdgCacheHome != null && xdgCacheHome.startsWith("/")) {
            return Path.of(xdgCacheHome, "jgunicorn", "aot");
        }
        if (userHome == null || userHome.isBlank() || "?".equals(userHome)) {
            return null;
        }
        return Path.of(userHome, ".cache", "jgunicorn", "aot");
    }

    /** Why the JVM must not map what is in {@code dir}, or null when it may. */
    static String unsafe(Path dir) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            return "is not a directory";
        }
        String me = System.getProperty("user.name");
        if (!attrs.owner().getName().equals(me)) {
            return "belongs to " + attrs.owner().getName() + ", not to " + me;
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "is writable by others (" + PosixFilePermissions.toString(perms) + ")";
        }
        return null;
    }

    Path dir() {
        return dir;
    }

    /**
     * The key of a worker command: SHA-256 over the JDK (home and VM build), every class path entry
     * with its size and modification time, the JVM options and the application's file name. Two
     * commands with one key can share a cache; a new JDK, build or option gets a new one.
     */
    static String key(List<String> jvmOptions, String classPath, String appName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder in = new StringBuilder();
            in.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                in.append(entry);
                try {
                    in.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    in.append(" missing");
                }
                in.append('\n');
            }
            jvmOptions.forEach(o -> in.append(o).append('\n'));
            in.append(appName);
            return HexFormat.of().formatHex(sha.digest(in.toString().getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** The cache for {@code key}, or null while there is none; a cache found is marked as used. */
    Path find(String key) {
        Path cache = dir.resolve(key + ".aot");
        try {
            if (Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS) && Files.size(cache) > 0) {
                Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis()));
                return cache;
            }
        } catch (IOException e) {
            // unreadable: as if there were none
        }
        return null;
    }

    /** A private file name in the store for the cache of {@code key} being made ({@code .aot} or {@code .aotconf}). */
    Path scratch(String key, String suffix) {
        return dir.resolve("." + key + "." + ProcessHandle.current().pid() + suffix);
    }

    /** Moves a finished cache into place (atomically: a JVM starting meanwhile maps the old file or the new) and prunes. */
    Path publish(Path made, String key) throws IOException {
        Path cache = dir.resolve(key + ".aot");
        Files.move(made, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune();
        return cache;
    }

    /**
     * Keeps the {@link #KEEP} most recently used caches, and deletes scratch files more than an hour
     * old (an arbiter killed while it made a cache).
     */
    private void prune() {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            for (Path p : all) {
                if (p.getFileName().toString().startsWith(".") && mtime(p) < hourAgo) {
                    Files.deleteIfExists(p);
                }
            }
            List<Path> caches = all.stream().filter(p -> p.getFileName().toString().endsWith(".aot")
                    && !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(AotCacheStore::mtime).reversed()).toList();
            for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            // pruning is housekeeping: the next publish tries again
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
