package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.deploy.CheckLauncher;
import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.Spawner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spawns worker JVMs: {@code java [worker_jvm_opts] -cp <ours> WorkerMain <arguments>} as the
 * {@link WorkerContract} defines them, with the listening sockets dup2'ed onto fd 0 (then 3, 4, ...)
 * so the worker gets the first one back with {@link System#inheritedChannel()}.
 */
final class WorkerLauncher implements CheckLauncher {

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
        this.sockets = sockets; // the arbiter's live list: a HUP may change it for the next generation
    }

    /** Writes the settings a new generation of workers boots with (called at start and on HUP). */
    void configure(Config config, int generation) throws IOException {
        settingsFile = runDir.resolve("settings-" + generation + ".properties");
        PrivateFiles.writeSettings(settingsFile, config.asText(), "jgunicorn worker settings, generation " + generation);
        jvmOpts = splitOpts(config.string("worker_jvm_opts"));
        env = new LinkedHashMap<>(System.getenv());
        env.remove("LISTEN_FDS"); // systemd's sockets are the arbiter's; workers get theirs on fd 0, 3, ...
        env.remove("LISTEN_PID");
        env.remove("LISTEN_FDNAMES");
        env.remove("NOTIFY_SOCKET"); // only the arbiter speaks to systemd
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
     * {@code --preload}: runs one training worker that loads the app and exits, recording an AOT
     * configuration, then a JVM that assembles the AOT cache from it; every later worker maps that
     * cache (JDK and jgunicorn classes, loaded and linked), so it starts faster and shares those
     * pages. The two steps are run by hand rather than with {@code -XX:AOTCacheOutput}, whose
     * assembly child reprints the whole command line as "Picked up JAVA_TOOL_OPTIONS"; AOT log lines
     * below error (classes the cache skips) are not written. Returns false (and workers start
     * without a cache) when training fails.
     */
    boolean train(int generation) throws IOException, InterruptedException {
        Path cache = runDir.resolve("workers-" + generation + ".aot");
        Path aotConf = runDir.resolve("workers-" + generation + ".aotconf");
        Path workDir = Files.createDirectories(runDir.resolve("training-" + generation));
        Path heartbeat = runDir.resolve("training.heartbeat");
        Files.deleteIfExists(heartbeat);
        Files.createFile(heartbeat);
        boolean ok = runToEnd(command(quiet("-XX:AOTMode=record", "-XX:AOTConfiguration=" + aotConf),
                heartbeat, 0, workDir, WorkerContract.TRAIN)) && Files.isRegularFile(aotConf)
                && runToEnd(command(quiet("-XX:AOTMode=create", "-XX:AOTConfiguration=" + aotConf,
                        "-XX:AOTCache=" + cache), heartbeat, 0, workDir, WorkerContract.TRAIN));
        FileTrees.delete(workDir);
        Files.deleteIfExists(aotConf);
        aotCache = ok && Files.isRegularFile(cache) ? cache : null;
        return aotCache != null;
    }

    /**
     * For the two AOT runs: log lines below error (the classes a cache skips) and the JVM's own
     * progress lines on stdout ("AOTConfiguration recorded", "AOTCache creation is complete") are
     * noise in an operator's log; a failure is still reported by the arbiter ("Preload failed").
     */
    private static final List<String> QUIET_AOT = List.of("-Xlog:aot*=error,cds*=error",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput");

    private static List<String> quiet(String... opts) {
        List<String> out = new ArrayList<>(QUIET_AOT);
        out.addAll(List.of(opts));
        return out;
    }

    /** Runs one JVM to completion (killed after 5 minutes); true when it exited 0. */
    private boolean runToEnd(List<String> argv) throws IOException, InterruptedException {
        long pid = Spawner.spawn(argv, env, List.of(), chdir);
        long deadline = System.nanoTime() + 300_000_000_000L;
        io.jgunicorn.container.posix.Posix.ExitStatus st;
        while ((st = io.jgunicorn.container.posix.Posix.reap(pid)) == null) {
            if (System.nanoTime() > deadline) {
                io.jgunicorn.container.posix.Posix.kill(pid, io.jgunicorn.container.posix.Posix.SIGKILL);
            }
            Thread.sleep(50); // waiting for a child we spawned; it cannot signal us otherwise
        }
        return !st.signaled() && st.code() == 0;
    }

    WorkerProcess spawn(int age, int generation) throws IOException {
        Path heartbeat = Files.createFile(runDir.resolve("worker-" + age + ".heartbeat"));
        Path workDir = Files.createDirectories(runDir.resolve("worker-" + age));
        List<String> argv = command(aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache),
                heartbeat, age, workDir, null);
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
     * A spare worker ({@code deploy_spare_workers}): a worker JVM started now with the present
     * JVM options, environment and listening sockets, which waits ({@link WorkerContract#SPARE})
     * until {@link #handOver} gives it the settings of the generation it is to serve.
     */
    Spare spawnSpare(int age) throws IOException {
        Path heartbeat = Files.createFile(runDir.resolve("worker-" + age + ".heartbeat"));
        Path workDir = Files.createDirectories(runDir.resolve("worker-" + age));
        Path settings = runDir.resolve("spare-" + age + ".properties");
        List<String> argv = command(aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache),
                WorkerContract.arguments(settings, heartbeat, age, workDir, WorkerContract.SPARE, null));
        List<Integer> fds = sockets.stream().map(BoundSocket::fd).toList();
        try {
            return new Spare(Spawner.spawn(argv, env, fds, chdir), age, heartbeat, workDir, settings, spareCommand());
        } catch (PosixException e) {
            Files.deleteIfExists(heartbeat);
            throw new IOException("cannot spawn a spare worker: " + e.getMessage(), e);
        }
    }

    /**
     * A spare worker's JVM, waiting for its settings.
     *
     * @param startedWith what it was started with ({@link #spareCommand}): a spare is only handed a
     *                    generation that would start its workers the same way (see {@link #fits})
     */
    record Spare(long pid, int age, Path heartbeat, Path workDir, Path settings, List<String> startedWith) {}

    /** Gives a spare the settings of the generation being configured: it boots as its worker from now on. */
    WorkerProcess handOver(Spare spare, int generation) throws IOException {
        Path tmp = spare.settings().resolveSibling("." + spare.settings().getFileName());
        Files.copy(settingsFile, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(tmp, spare.settings(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new WorkerProcess(spare.pid(), spare.age(), generation, spare.heartbeat(), spare.workDir());
    }

    /**
     * True when {@code spare} was started with what the generation being configured would start a
     * worker with: JVM options, environment, working directory, AOT cache and listening sockets.
     */
    boolean fits(Spare spare) {
        return spare.startedWith().equals(spareCommand());
    }

    /** What a worker is started with now, minus its own files: compared by {@link #fits}. */
    private List<String> spareCommand() {
        List<String> argv = new ArrayList<>(command(aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache), List.of()));
        argv.add(env.toString());
        argv.add(String.valueOf(chdir));
        argv.add(sockets.stream().map(BoundSocket::fd).toList().toString());
        return argv;
    }

    /**
     * The deploy directory's check run ({@link io.jgunicorn.container.worker.WorkerMain} {@code check}):
     * a worker JVM without sockets that loads each app of {@code checkConfig}'s {@code deploy_apps}
     * and writes the verdicts to {@code resultFile}. Returns its pid; the caller reaps it.
     */
    @Override
    public long spawnCheck(Config checkConfig, Path workDir, Path resultFile) throws IOException {
        Path settings = workDir.resolveSibling(workDir.getFileName() + ".properties");
        PrivateFiles.writeSettings(settings, checkConfig.asText(), "jgunicorn deploy check settings");
        Files.createDirectories(workDir);
        List<String> argv = command(List.of(), WorkerContract.arguments(settings, runDir.resolve("check.heartbeat"), 0,
                workDir, WorkerContract.CHECK, resultFile));
        try {
            return Spawner.spawn(argv, env, List.of(), chdir);
        } catch (PosixException e) {
            throw new IOException("cannot spawn the deploy check: " + e.getMessage(), e);
        }
    }

    private List<String> command(List<String> extraJvmOpts, Path heartbeat, int age, Path workDir, String mode) {
        return command(extraJvmOpts, WorkerContract.arguments(settingsFile, heartbeat, age, workDir, mode, null));
    }

    private List<String> command(List<String> extraJvmOpts, List<String> workerArguments) {
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
        argv.add(WorkerContract.WORKER_MAIN);
        argv.addAll(workerArguments);
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
