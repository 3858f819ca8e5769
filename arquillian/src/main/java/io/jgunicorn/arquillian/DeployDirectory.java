package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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

    /** {@link #deploy(Archive, Duration, BooleanSupplier, Supplier)} for a server whose workers are not ours to see. */
    String deploy(Archive<?> archive, Duration timeout, BooleanSupplier serverAlive) throws IOException {
        return deploy(archive, timeout, serverAlive, List::of);
    }

    /**
     * Drops the archive in and waits for the server's verdict, and then for every worker that was
     * running before the drop to exit. The arbiter writes {@code .deployed} as soon as the new
     * generation of workers is ready, while it has only just told the old generation to stop: for a
     * moment an old worker may still accept a connection on the shared socket and answer it with the
     * applications it has (a 404 for the new one). Once those processes are gone, every worker left
     * serves the new archive.
     *
     * @param serverAlive false once the server is gone, which ends the wait early
     * @param workers     the server's worker processes now (its children; empty for a remote server)
     * @return null once deployed and served by every worker, else why not
     */
    String deploy(Archive<?> archive, Duration timeout, BooleanSupplier serverAlive, Supplier<List<ProcessHandle>> workers)
            throws IOException {
        String name = archive.getName();
        List<ProcessHandle> before = workers.get();
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
        for (ProcessHandle old : before) {
            while (old.isAlive()) {
                if (System.nanoTime() > deadline) {
                    return name + " is deployed, but a worker from before it (pid " + old.pid() + ") still runs after " + timeout;
                }
                Polling.pause();
            }
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
