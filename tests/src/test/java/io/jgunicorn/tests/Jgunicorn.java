package io.jgunicorn.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real jgunicorn process started through the {@code ./jgunicorn} launcher, as a user would.
 * Its stdout and stderr are collected line by line; tests poll them with deadlines.
 */
public final class Jgunicorn implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening at: (\\S+) \\((\\d+)\\)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> args;
    private final List<Thread> pumps = new ArrayList<>();

    private Jgunicorn(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        pumps.add(pump(process.getInputStream(), "out"));
        pumps.add(pump(process.getErrorStream(), "err"));
    }

    /** The checkout's root (where ./jgunicorn lives), as the build passes it. */
    public static Path root() {
        String r = System.getProperty("jgunicorn.root");
        Path p = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isExecutable(p.resolve("jgunicorn"))) {
            throw new IllegalStateException("no ./jgunicorn under " + p);
        }
        return p;
    }

    public static Path exampleWar(String name) {
        Path war = root().resolve("examples-war").resolve(name).resolve("target").resolve(name + ".war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("example WAR not built: " + war);
        }
        return war;
    }

    /** Watches a process the test started another way (for example through a wrapper). */
    public static Jgunicorn wrap(Process p, List<String> args) {
        return new Jgunicorn(p, List.copyOf(args));
    }

    /** Starts {@code ./jgunicorn args...} without waiting for anything. */
    public static Jgunicorn launch(List<String> args, Map<String, String> env, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("jgunicorn").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir == null ? root().toFile() : dir.toFile());
        pb.environment().put("JGUNICORN_SKIP_BUILD", "1");
        pb.environment().remove("JGUNICORN_CMD_ARGS");
        pb.environment().remove("PORT");
        pb.environment().remove("WEB_CONCURRENCY");
        pb.environment().putAll(env);
        return new Jgunicorn(pb.start(), List.copyOf(args));
    }

    /** A fresh path for a server's control socket (each test server gets its own). */
    public static Path controlSocketPath() throws IOException {
        return Files.createTempDirectory("jgunicorn-test-").resolve("ctl");
    }

    /** Starts jgunicorn on a free loopback port and waits until it listens. */
    public static Jgunicorn start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /**
     * Starts jgunicorn with the example {@code RecordingHooks}, which append one line per hook call
     * ({@code hook pid details}) to {@code hooksLog}: tests read it to know what happened where.
     */
    public static Jgunicorn startWithHooks(Path hooksLog, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--hooks", "io.jgunicorn.examples.hooks.RecordingHooks",
                "--classpath", hooksJar().toString()));
        all.addAll(List.of(args));
        return start(Map.of("HOOKS_LOG", hooksLog.toString()), all.toArray(String[]::new));
    }

    public static Path hooksJar() {
        Path jar = root().resolve("examples-war/hooks/target/hooks.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("example hooks jar not built: " + jar);
        }
        return jar;
    }

    /** Lines of a hooks log, empty while it does not exist. */
    public static List<String> hookLines(Path hooksLog) {
        try {
            return Files.exists(hooksLog) ? Files.readAllLines(hooksLog) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Waits until the hooks log has a line starting with {@code prefix}. */
    public static String awaitHook(Path hooksLog, String prefix) {
        await("hook line '" + prefix + "'", Duration.ofSeconds(60),
                () -> hookLines(hooksLog).stream().anyMatch(l -> l.startsWith(prefix)));
        return hookLines(hooksLog).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    public static Jgunicorn start(Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-b", "127.0.0.1:0"));
        if (!List.of(args).contains("--control-socket") && !List.of(args).contains("--no-control-socket")) {
            all.addAll(List.of("--control-socket", controlSocketPath().toString()));
        }
        all.addAll(List.of(args));
        Jgunicorn j = launch(all, env, null);
        j.awaitLine(LISTENING, START_TIMEOUT);
        return j;
    }

    private Thread pump(java.io.InputStream in, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (System.getenv("JGUNICORN_TEST_VERBOSE") != null) {
                        System.err.println("[jgunicorn " + name + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "jgunicorn-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The port from the first {@code Listening at:} line. */
    public int port() {
        Matcher m = awaitLine(LISTENING, START_TIMEOUT);
        String url = m.group(1);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** Waits for a log line matching {@code regex} (anywhere in the line); fails with the log. */
    public Matcher awaitLine(Pattern regex, Duration timeout) {
        return awaitLine(regex, 0, timeout);
    }

    /** Like {@link #awaitLine(Pattern, Duration)}, ignoring the first {@code skip} lines. */
    public Matcher awaitLine(Pattern regex, int skip, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> snapshot = lines();
            for (int i = skip; i < snapshot.size(); i++) {
                Matcher m = regex.matcher(snapshot.get(i));
                if (m.find()) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line matching /" + regex + "/ within " + timeout
                        + " for jgunicorn " + args + "; output:\n" + output());
            }
            if (!process.isAlive() && lines().size() == snapshot.size()) {
                throw new AssertionError("jgunicorn exited (" + process.exitValue() + ") before a line matching /"
                        + regex + "/; output:\n" + output());
            }
            pause();
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(20); // polling interval, never used to order events
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Number of lines matching {@code regex}. */
    public long count(Pattern regex) {
        return lines().stream().filter(l -> regex.matcher(l).find()).count();
    }

    /** Waits for the process to exit; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("jgunicorn did not exit within " + timeout + "; output:\n" + output());
        }
        for (Thread t : pumps) {
            t.join(10_000); // the pumps end at EOF: everything the process wrote is now in lines()
        }
        return process.exitValue();
    }

    /** Sends a signal to the arbiter (by name: TERM, HUP, TTIN, ...). */
    public void signal(String name) throws IOException, InterruptedException {
        kill(pid(), name);
    }

    public static void kill(long pid, String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** The live child processes of the arbiter (the workers). */
    public List<Long> workerPids() {
        return workerPids(process.pid());
    }

    /**
     * The arbiter's children but a JVM making the workers' AOT cache (aot_cache_dir): it runs
     * beside the workers for a few seconds after a start, and is no worker.
     */
    public static List<Long> workerPids(long arbiter) {
        return ProcessHandle.of(arbiter).stream().flatMap(ProcessHandle::children).filter(ProcessHandle::isAlive)
                .filter(h -> !isAotTraining(h)).map(ProcessHandle::pid).toList();
    }

    static boolean isAotTraining(ProcessHandle h) {
        return h.info().arguments().map(a -> java.util.Arrays.stream(a).anyMatch(x -> x.startsWith("-XX:AOTMode=")))
                .orElse(false);
    }

    /** Stops gracefully (TERM); kills if it does not exit in time. Also kills leftover workers. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        if (process.isAlive()) {
            signal("TERM");
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
