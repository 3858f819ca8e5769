package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A jgunicorn deploy directory seen from outside: an archive goes live when {@code NAME.war} appears
 * (moved in whole), and the server answers with {@code NAME.war.deployed} or {@code NAME.war.failed}
 * (holding the reason) next to it. Removing the file undeploys.
 */
final class DeployDirectory {

    private static final Logger LOG = Logger.getLogger(DeployDirectory.class.getName());

    private final Path dir;

    DeployDirectory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Drops the archive in and waits for the server's verdict. jgunicorn writes {@code .deployed}
     * once every worker serves the new archive: the new generation is ready and every worker from
     * before it has exited (before that, an old worker could still accept a connection on the
     * shared socket and answer it without the archive). So the marker is all there is to wait for.
     *
     * @param serverAlive false once the server is gone, which ends the wait early
     * @return null once deployed, else why not
     */
    String deploy(Archive<?> archive, Duration timeout, BooleanSupplier serverAlive) throws IOException {
        String name = archive.getName();
        Path deployed = dir.resolve(name + ".deployed");
        Path failed = dir.resolve(name + ".failed");
        Files.deleteIfExists(deployed);
        Files.deleteIfExists(failed);
        Path tmp = Files.createTempFile(dir, "." + name, ".part");
        archive.as(ZipExporter.class).exportTo(tmp.toFile(), true);
        // hidden while written, then moved in at once: the scanner never sees half a file
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(deployed)) {
            if (Files.exists(failed)) {
                return "jgunicorn could not deploy " + name + ": " + Files.readString(failed, StandardCharsets.UTF_8).strip();
            }
            if (!serverAlive.getAsBoolean()) {
                return "jgunicorn stopped before deploying " + name;
            }
            if (System.nanoTime() > deadline) {
                return "no " + deployed.getFileName() + " marker within " + timeout;
            }
            Polling.pause();
        }
        return null;
    }

    /** Removes the archive and waits (bounded) until the server drops its marker. */
    void undeploy(String name, Duration timeout) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
        Path deployed = dir.resolve(name + ".deployed");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(deployed)) {
            if (System.nanoTime() > deadline) {
                LOG.warning("jgunicorn kept " + deployed + " for " + timeout + " after the archive was removed");
                return;
            }
            Polling.pause();
        }
        Files.deleteIfExists(dir.resolve(name + ".failed"));
    }
}
