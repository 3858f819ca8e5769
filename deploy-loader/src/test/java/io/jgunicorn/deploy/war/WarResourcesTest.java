package io.jgunicorn.deploy.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the default servlet asks on every request: a file's size and mtime, or that there is none. */
class WarResourcesTest {

    @TempDir
    Path tmp;

    @Test
    void attributesOfFilesAndOfLinksThatStayInside() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("app"));
        Path file = Files.writeString(Files.createDirectories(root.resolve("static")).resolve("a.txt"), "hello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        Files.createSymbolicLink(root.resolve("static/inside.txt"), file);
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("static/outside.txt"), secret);
        Files.createSymbolicLink(root.resolve("static/dangling.txt"), root.resolve("static/gone.txt"));
        try (WarResources r = new WarResources(root, List.of())) {
            assertEquals(new ResourceView.Attributes(5, 1_700_000_000_000L), r.attributes("/static/a.txt"));
            assertEquals(new ResourceView.Attributes(5, 1_700_000_000_000L), r.attributes("/static/inside.txt"));
            assertNull(r.attributes("/static/outside.txt"), "a link out of the root is no file of the app");
            assertNull(r.attributes("/static/dangling.txt"));
            assertNull(r.attributes("/static/missing.txt"));
            assertNull(r.attributes("/static"), "a directory is not a file");
            assertNull(r.attributes("/static/a.txt/x"), "below a file");
            assertNull(r.attributes("/../secret.txt"), "out of the root");
        }
    }
}
