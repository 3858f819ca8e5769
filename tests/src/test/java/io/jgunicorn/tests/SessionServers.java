package io.jgunicorn.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Redis and PostgreSQL servers for the session store tests, on loopback ports of their own,
 * through {@code scripts/session-servers.sh} (which installs them from Debian when missing). When
 * they cannot be installed the tests are skipped with a loud message, except under CI, where
 * that is a failure.
 */
final class SessionServers {

    private SessionServers() {}

    /** Installs the servers when missing; skips (or, on CI, fails) when that is impossible. */
    static void ensureInstalled() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(script().toString(), "install").redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            String message = "SESSION STORE SERVERS UNAVAILABLE: redis-server/PostgreSQL could not be installed: " + out;
            System.err.println("*** " + message);
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
    }

    private static Path script() {
        return Jgunicorn.root().resolve("scripts/session-servers.sh");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A redis-server on 127.0.0.1 without persistence; closing stops it. */
    record Redis(Process process, int port) implements AutoCloseable {
        static Redis start() throws IOException {
            ensureInstalledUnchecked();
            int port = freePort();
            Path dir = Files.createTempDirectory("jgunicorn-redis-");
            Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            Redis redis = new Redis(p, port);
            Jgunicorn.await("redis-server on port " + port, Duration.ofSeconds(30), redis::answersPing);
            return redis;
        }

        String url() {
            return "redis://127.0.0.1:" + port;
        }

        boolean answersPing() {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new AssertionError("redis-server exited with " + process.exitValue());
                }
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A fresh PostgreSQL cluster on 127.0.0.1 (user jgunicorn, trust auth); closing stops it. */
    record Postgres(Path dir, int port) implements AutoCloseable {
        static Postgres start() throws IOException, InterruptedException {
            ensureInstalled();
            int port = freePort();
            Path dir = Files.createTempDirectory("jgunicorn-pg-");
            run(List.of(script().toString(), "pg-start", dir.toString(), String.valueOf(port)));
            return new Postgres(dir, port);
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=jgunicorn";
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run(List.of(script().toString(), "pg-stop", dir.toString()));
        }
    }

    private static void ensureInstalledUnchecked() throws IOException {
        try {
            ensureInstalled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
    }
}
