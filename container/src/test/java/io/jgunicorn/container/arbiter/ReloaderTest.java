package io.jgunicorn.container.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloaderTest {

    @TempDir
    Path dir;

    @Test
    void reportsChangedAddedAndRemovedFilesUnderEveryRoot() throws Exception {
        Path exploded = Files.createDirectories(dir.resolve("app/WEB-INF/classes"));
        Path cls = Files.writeString(exploded.resolve("A.class"), "v1");
        Path extra = Files.writeString(dir.resolve("extra.conf"), "x");
        List<Path> seen = new ArrayList<>();
        Reloader r = new Reloader(List.of(dir.resolve("app"), extra), seen::add);
        r.start();
        r.stop();
        assertNull(r.poll(), "nothing changed");

        Files.setLastModifiedTime(cls, FileTime.fromMillis(Files.getLastModifiedTime(cls).toMillis() + 5000));
        assertEquals(cls, r.poll());
        assertNull(r.poll(), "reported once");

        Files.writeString(extra, "longer content");
        assertEquals(extra, r.poll(), "a size change counts even within one mtime tick");

        Path added = Files.writeString(exploded.resolve("B.class"), "new");
        assertEquals(added, r.poll());
        Files.delete(added);
        assertEquals(added, r.poll());
    }
}
