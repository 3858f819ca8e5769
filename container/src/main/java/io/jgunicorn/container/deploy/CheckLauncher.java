package io.jgunicorn.container.deploy;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts a deploy check run: a worker JVM without sockets that loads every application of
 * {@code checkConfig}'s {@code deploy_apps} and writes its verdicts to {@code resultFile}, as the
 * {@link io.jgunicorn.container.process.WorkerContract} describes. The arbiter's
 * {@code WorkerLauncher} is the one implementation; this package asks only for this.
 */
public interface CheckLauncher {

    /** Spawns the check run and returns its pid; the caller reaps it. */
    long spawnCheck(Config checkConfig, Path workDir, Path resultFile) throws IOException;
}
