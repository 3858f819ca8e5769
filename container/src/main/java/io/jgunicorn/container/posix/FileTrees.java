package io.jgunicorn.container.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Deleting directory trees: worker directories, deploy snapshots, the run directory. */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code dir} and everything under it; a missing (or null) directory is fine. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** As {@link #delete}, for leftovers whose removal is a courtesy: a failure is only returned. */
    public static IOException deleteQuietly(Path dir) {
        try {
            delete(dir);
            return null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause();
        }
    }
}
