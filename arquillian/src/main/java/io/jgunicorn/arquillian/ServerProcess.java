package io.jgunicorn.arquillian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code jgunicorn} child process: its log lines are kept so the adapter can wait on them. */
final class ServerProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerProcess.class.getName());
    private static final Pattern LISTENING = Pattern.compile("Listening at: (https?)://(\\S+):(\\d+) \\((\\d+)\\)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> command;

    private ServerProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    static ServerProcess start(Path launcher, List<String> args, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("JGUNICORN_CMD_ARGS"); // the configuration says everything
        LOG.fine(() -> "starting " + cmd);
        return new ServerProcess(pb.start(), cmd);
    }

    /** Waits for {@code Listening at:}; returns the port the server really bound. */
    int awaitListening(Duration timeout) throws IOException {
        Matcher m = await(LISTENING, timeout);
        return Integer.parseInt(m.group(3));
    }

    /** Polls the log for {@code regex}; fails early, with the log, if the process exits first. */
    Matcher await(Pattern regex, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                Matcher m = regex.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                drain();
                throw new IOException("jgunicorn exited with code " + process.exitValue() + " (" + command + "):\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no log line /" + regex + "/ from jgunicorn within " + timeout + ":\n" + log());
            }
            Polling.pause();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    String log() {
        return String.join("\n", lines);
    }

    /** Where the log is now: {@link #logSince} gives what the server printed after it. */
    int logMark() {
        return lines.size();
    }

    /** The log lines printed since {@code mark} (from {@link #logMark}), at most the last {@code max}. */
    String logSince(int mark, int max) {
        List<String> tail = lines.subList(Math.min(mark, lines.size()), lines.size());
        List<String> shown = tail.size() > max ? tail.subList(tail.size() - max, tail.size()) : tail;
        String cut = tail.size() > max ? "(" + (tail.size() - max) + " earlier lines left out)\n" : "";
        return cut + String.join("\n", shown);
    }

    /** Waits for the output pumps to reach the end, so a dead process's last words are kept. */
    private void drain() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    LOG.finer(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "jgunicorn-log-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Graceful stop (TERM, as Gunicorn), then a kill if it takes too long; workers included. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        if (process.isAlive()) {
            process.destroy(); // SIGTERM
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
