package io.jgunicorn.container.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status files beside each deployable: {@code NAME.deployed} (context paths and time) or
 * {@code NAME.failed} (the reason). Writing one first removes the other, so once a marker appears
 * the other is gone; exactly one exists once a version has been decided on; both go when the
 * deployable goes. Written atomically (temp file,
 * rename) so a script polling for them never reads half a marker.
 */
final class DeployMarkers {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.deploy");

    private final Path dir;

    DeployMarkers(Path dir) {
        this.dir = dir;
    }

    void deployed(String name, List<String> contextPaths, Instant at) {
        delete(name, DeployScan.FAILED);
        write(name, DeployScan.DEPLOYED, "context paths: " + String.join(" ", contextPaths.stream().map(DeployScan::show).toList())
                + "\ndeployed: " + at + "\n");
    }

    void failed(String name, String reason, Instant at) {
        delete(name, DeployScan.DEPLOYED);
        write(name, DeployScan.FAILED, "failed: " + at + "\nreason: " + reason + "\n");
    }

    void remove(String name) {
        delete(name, DeployScan.DEPLOYED);
        delete(name, DeployScan.FAILED);
    }

    /** Deletes markers whose deployable is not among {@code names}. */
    void removeOrphans(java.util.Set<String> names) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                for (String suffix : List.of(DeployScan.DEPLOYED, DeployScan.FAILED)) {
                    if (f.endsWith(suffix) && !names.contains(f.substring(0, f.length() - suffix.length()))) {
                        delete(f.substring(0, f.length() - suffix.length()), suffix);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Cannot look for stale markers in {}: {}", dir, e.toString());
        }
    }

    private void write(String name, String suffix, String text) {
        Path target = dir.resolve(name + suffix);
        Path tmp = dir.resolve("." + name + suffix + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("Cannot write the status marker {}: {}", target, e.toString());
        }
    }

    private void delete(String name, String suffix) {
        try {
            Files.deleteIfExists(dir.resolve(name + suffix));
        } catch (IOException e) {
            log.error("Cannot delete the status marker {}: {}", dir.resolve(name + suffix), e.toString());
        }
    }
}
