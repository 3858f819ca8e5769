package io.jgunicorn.arquillian;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.Archive;

/**
 * A jgunicorn someone else runs, at {@code baseUrl}. With its {@code deployDir} (shared with this
 * machine) archives are dropped in and taken out; without it the archive is taken to be deployed
 * already, and the adapter only checks that the server answers.
 */
final class RemoteServer {

    private final JgunicornConfiguration config;
    private final Target target;
    private final DeployDirectory deployDir;

    RemoteServer(JgunicornConfiguration config) throws IOException {
        this.config = config;
        this.target = Target.of(URI.create(config.getBaseUrl()));
        if (config.getDeployDir() != null) {
            Path dir = Path.of(config.getDeployDir());
            if (!Files.isDirectory(dir)) {
                throw new IOException("deployDir is not a directory: " + dir);
            }
            this.deployDir = new DeployDirectory(dir);
        } else {
            this.deployDir = null;
        }
    }

    Target deploy(Archive<?> archive, WarMetadata war) throws IOException {
        Duration timeout = Duration.ofSeconds(config.getDeployTimeoutSeconds());
        if (deployDir != null) {
            String failure = deployDir.deploy(archive, timeout, () -> true);
            if (failure != null) {
                throw new IOException(failure);
            }
            return target;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ReadyProbe.answers(target, war.contextPath(), 10_000)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no jgunicorn answers at " + config.getBaseUrl());
            }
            Polling.pause();
        }
        return target;
    }

    void undeploy(Archive<?> archive) throws IOException {
        if (deployDir != null) {
            deployDir.undeploy(archive.getName(), Duration.ofSeconds(config.getDeployTimeoutSeconds()));
        }
    }
}
