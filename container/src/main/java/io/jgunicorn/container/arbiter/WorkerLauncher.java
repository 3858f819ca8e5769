package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.Spawner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Spawns worker JVMs: {@code java [worker_jvm_opts] -cp <ours> WorkerMain <settings> <heartbeat> <age>},
 * with the listening sockets dup2'ed onto fd 0 (then 3, 4, ...) so the worker gets the first one
 * back with {@link System#inheritedChannel()}.
 */
final class WorkerLauncher {

    static final String WORKER_MAIN = "io.jgunicorn.container.worker.WorkerMain";

    private final Path runDir;
    private final List<BoundSocket> sockets;
    private Path settingsFile;
    private List<String> jvmOpts;
    private Map<String, String> env;
    private Path chdir;
    private Path heapDumpDir;
    private Path aotCache;

    WorkerLauncher(Path runDir, List<BoundSocket> sockets) {
        this.runDir = runDir;
        this.sockets = List.copyOf(sockets);
    }

    /** Writes the settings a new generation of workers boots with (called at start and on HUP). */
    void configure(Config config, int generation) throws IOException {
        Properties p = new Properties();
        p.putAll(config.asText());
        settingsFile = runDir.resolve("settings-" + generation + ".properties");
        try (OutputStream out = Files.newOutputStream(settingsFile)) {
            p.store(out, "jgunicorn worker settings, generation " + generation);
        }
        jvmOpts = splitOpts(config.string("worker_jvm_opts"));
        env = new LinkedHashMap<>(System.getenv());
        env.remove("LISTEN_FDS"); // systemd's sockets are the arbiter's; workers get theirs on fd 0, 3, ...
        env.remove("LISTEN_PID");
        env.remove("LISTEN_FDNAMES");
        for (String kv : config.list("raw_env")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String dumps = config.string("heap_dump_dir");
        heapDumpDir = dumps == null ? null : Files.createDirectories(Path.of(dumps).toAbsolutePath());
        String dir = config.string("chdir");
        chdir = dir == null ? null : Path.of(dir).toAbsolutePath();
    }

    /**
     * {@code --preload}: runs one training worker that loads the app and exits, with
     * {@code -XX:AOTCacheOutput}; every later worker maps the resulting AOT cache (JDK and
     * jgunicorn classes, loaded and linked), so it starts faster and shares those pages.
     * Returns false (and workers start without a cache) when training fails.
     */
    boolean train(int generation) throws IOException, InterruptedException {
        Path cache = runDir.resolve("workers-" + generation + ".aot");
        Path workDir = Files.createDirectories(runDir.resolve("training-" + generation));
        List<String> argv = command(List.of("-XX:AOTCacheOutput=" + cache), runDir.resolve("training.heartbeat"),
                0, workDir);
        argv.add("train");
        Files.deleteIfExists(runDir.resolve("training.heartbeat"));
        Files.createFile(runDir.resolve("training.heartbeat"));
        long pid = Spawner.spawn(argv, env, List.of(), chdir);
        long deadline = System.nanoTime() + 300_000_000_000L;
        io.jgunicorn.container.posix.Posix.ExitStatus st;
        while ((st = io.jgunicorn.container.posix.Posix.reap(pid)) == null) {
            if (System.nanoTime() > deadline) {
                io.jgunicorn.container.posix.Posix.kill(pid, io.jgunicorn.container.posix.Posix.SIGKILL);
            }
            Thread.sleep(50); // waiting for a child we spawned; it cannot signal us otherwise
        }
        FileTrees.delete(workDir);
        if (st.code() == 0 && Files.isRegularFile(cache)) {
            aotCache = cache;
            return true;
        }
        aotCache = null;
        return false;
    }

    WorkerProcess spawn(int age, int generation) throws IOException {
        Path heartbeat = Files.createFile(runDir.resolve("worker-" + age + ".heartbeat"));
        Path workDir = Files.createDirectories(runDir.resolve("worker-" + age));
        List<String> argv = command(aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache),
                heartbeat, age, workDir);
        List<Integer> fds = sockets.stream().map(BoundSocket::fd).toList();
        try {
            long pid = Spawner.spawn(argv, env, fds, chdir);
            return new WorkerProcess(pid, age, generation, heartbeat, workDir);
        } catch (PosixException e) {
            Files.deleteIfExists(heartbeat);
            throw new IOException("cannot spawn a worker: " + e.getMessage(), e);
        }
    }

    /**
     * The deploy directory's check run ({@link io.jgunicorn.container.worker.WorkerMain} {@code check}):
     * a worker JVM without sockets that loads each app of {@code checkConfig}'s {@code deploy_apps}
     * and writes the verdicts to {@code resultFile}. Returns its pid; the caller reaps it.
     */
    long spawnCheck(Config checkConfig, Path workDir, Path resultFile) throws IOException {
        Properties p = new Properties();
        p.putAll(checkConfig.asText());
        Path settings = workDir.resolveSibling(workDir.getFileName() + ".properties");
        try (OutputStream out = Files.newOutputStream(settings)) {
            p.store(out, "jgunicorn deploy check settings");
        }
        Files.createDirectories(workDir);
        List<String> argv = command(List.of(), settings, runDir.resolve("check.heartbeat"), 0, workDir);
        argv.add("check");
        argv.add(resultFile.toString());
        try {
            return Spawner.spawn(argv, env, List.of(), chdir);
        } catch (PosixException e) {
            throw new IOException("cannot spawn the deploy check: " + e.getMessage(), e);
        }
    }

    private List<String> command(List<String> extraJvmOpts, Path heartbeat, int age, Path workDir) {
        return command(extraJvmOpts, settingsFile, heartbeat, age, workDir);
    }

    private List<String> command(List<String> extraJvmOpts, Path settings, Path heartbeat, int age, Path workDir) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.add("-XX:+ExitOnOutOfMemoryError");
        if (extraJvmOpts.isEmpty()) {
            argv.add("-Xshare:auto");
        }
        // to take the extra listeners, and to drop a listener without closing the JDK's inherited
        // channel (which would point stdout and stderr at /dev/null): see InheritedListeners
        argv.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        String home = System.getProperty("jgunicorn.home");
        if (home != null) {
            argv.add("-Djgunicorn.home=" + home);
        }
        if (heapDumpDir != null) {
            argv.add("-XX:+HeapDumpOnOutOfMemoryError");
            argv.add("-XX:HeapDumpPath=" + heapDumpDir);
        }
        argv.addAll(jvmOpts);
        argv.addAll(extraJvmOpts);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(WORKER_MAIN);
        argv.add(settings.toString());
        argv.add(heartbeat.toString());
        argv.add(String.valueOf(age));
        argv.add(workDir.toString());
        return argv;
    }

    static List<String> splitOpts(String opts) {
        List<String> out = new ArrayList<>();
        if (opts != null) {
            for (String o : opts.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
