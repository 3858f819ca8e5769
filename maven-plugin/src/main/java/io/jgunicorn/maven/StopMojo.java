package io.jgunicorn.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the jgunicorn that {@code jgunicorn:start} started for this project (in this Maven run or an earlier
 * one): TERM, Gunicorn's graceful stop, then a kill after {@code graceful_timeout} + 10 s. Nothing to stop is not
 * an error.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractJgunicornMojo {

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("jgunicorn:stop skipped");
            return;
        }
        Path state = workDir().resolve(StartMojo.STATE);
        ProcessHandle arbiter = running(state);
        if (arbiter == null) {
            getLog().info("jgunicorn is not running (no live server in " + state + ")");
            deleteQuietly(state);
            return;
        }
        int grace = Integer.parseInt(read(state).getProperty("graceful_timeout", "30"));
        boolean graceful = Stopping.stop(arbiter, grace);
        deleteQuietly(state);
        if (graceful) {
            getLog().info("jgunicorn stopped (pid " + arbiter.pid() + ")");
        } else {
            getLog().warn("jgunicorn (pid " + arbiter.pid() + ") did not stop within " + (grace + 10)
                    + " s of TERM and was killed; its log:\n" + StartMojo.tail(workDir().resolve("jgunicorn.log")));
        }
    }

    /**
     * The arbiter {@code state} names, when it still runs, else null. A pid can be reused: the process must also have
     * the start time recorded with it (the arbiter retitles itself, so its command line does not tell).
     */
    static ProcessHandle running(Path state) {
        if (!Files.isRegularFile(state)) {
            return null;
        }
        try {
            long pid = Long.parseLong(read(state).getProperty("pid", "-1"));
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return null;
            }
            String started = read(state).getProperty("started", "");
            Optional<java.time.Instant> actual = h.get().info().startInstant();
            return started.isEmpty() || actual.isEmpty() || actual.get().toString().equals(started) ? h.get() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Properties read(Path state) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        } catch (IOException e) {
            // unreadable: treated as empty
        }
        return p;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // left behind: start checks whether its pid still runs
        }
    }
}
