package io.jgunicorn.container.deploy;

import io.jgunicorn.container.posix.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private, immutable copies of deployables in the run directory: the workers of a generation load
 * these, so replacing or deleting the user's file never changes what a running worker (or the next
 * one it spawns) sees. A copy is dropped some time after no generation uses it any more, since
 * retiring workers may still serve from it (an exploded directory is served in place).
 */
final class DeploySnapshots {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.deploy");

    private record Trash(Path path, long notBeforeNanos) {}

    private final Path root;
    private final List<Trash> trash = new ArrayList<>();
    private int seq;

    DeploySnapshots(Path root) {
        this.root = root;
    }

    /**
     * Copies {@code source}; returns null (and keeps nothing) when it changed while being copied,
     * i.e. it was not stable after all.
     */
    Path take(Path source, DeployScan.Fingerprint expected) throws IOException {
        Files.createDirectories(root);
        Path copy = root.resolve((++seq) + "-" + source.getFileName());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copyTree(source, copy);
        } else {
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        if (!expected.equals(DeployScan.fingerprint(source))) {
            FileTrees.delete(copy);
            return null;
        }
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Deletes {@code snapshot} once {@code delayMillis} have passed (0: on the next {@link #collect}). */
    void discard(Path snapshot, long delayMillis) {
        if (snapshot != null && snapshot.startsWith(root)) {
            trash.add(new Trash(snapshot, System.nanoTime() + delayMillis * 1_000_000));
        }
    }

    void collect() {
        long now = System.nanoTime();
        for (var it = trash.iterator(); it.hasNext(); ) {
            Trash t = it.next();
            if (now - t.notBeforeNanos() >= 0) {
                it.remove();
                try {
                    FileTrees.delete(t.path());
                } catch (IOException e) {
                    log.debug("cannot delete the snapshot {}: {}", t.path(), e.toString());
                }
            }
        }
    }
}
