package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.deploy.CheckLauncher;
import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.Posix;
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
        aotCache = null; // made for the previous options: the caller finds (or makes) one for these
    }

    /**
     * {@code --preload}: runs one training worker that loads the app and exits, recording an AOT
     * configuration, then a JVM that assembles the AOT cache from it; every later worker maps that
     * cache (JDK and jgunicorn classes, loaded and linked), so it starts faster and shares those
     * pages. Returns false (and workers start without a cache) when training fails.
     */
    boolean train(int generation) throws IOException, InterruptedException {
        Path cache = runDir.resolve("workers-" + generation + ".aot");
        Training training = startTraining(runDir.resolve("workers-" + generation + ".aotconf"), cache,
                runDir.resolve("training-" + generation), false);
        long deadline = System.nanoTime() + 600_000_000_000L;
        Boolean ok;
        while ((ok = training.poll()) == null) {
            if (System.nanoTime() > deadline) {
                training.cancel();
            }
            Thread.sleep(50); // waiting for a child we spawned; it cannot signal us otherwise
        }
        aotCache = ok ? cache : null;
        return ok;
    }

    /**
     * Starts making an AOT cache at {@code cache}: a training worker loads the app and exits under
     * {@code -XX:AOTMode=record}, then a JVM assembles the cache from what it recorded. The two steps
     * are run by hand rather than with {@code -XX:AOTCacheOutput}, whose assembly child reprints the
     * whole command line as "Picked up JAVA_TOOL_OPTIONS"; AOT log lines below error (classes the
     * cache skips) are not written. {@code niced}: both run at a lower CPU priority than the workers.
     */
    Training startTraining(Path aotConf, Path cache, Path workDir, boolean niced) throws IOException {
        Files.createDirectories(workDir);
        Path heartbeat = workDir.resolveSibling(workDir.getFileName() + ".heartbeat");
        Files.deleteIfExists(heartbeat);
        Files.createFile(heartbeat);
        List<String> record = command(quiet("-XX:AOTMode=record", "-XX:AOTConfiguration=" + aotConf),
                heartbeat, 0, workDir, WorkerContract.TRAIN);
        List<String> create = command(quiet("-XX:AOTMode=create", "-XX:AOTConfiguration=" + aotConf,
                "-XX:AOTCache=" + cache), heartbeat, 0, workDir, WorkerContract.TRAIN);
        Training t = new Training(List.of(niced(record, niced), niced(create, niced)), aotConf, cache, workDir, heartbeat);
        t.next();
        return t;
    }

    private static final Path NICE = Path.of("/usr/bin/nice");

    private static List<String> niced(List<String> argv, boolean niced) {
        if (!niced || !Files.isExecutable(NICE)) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of(NICE.toString(), "-n", "10"));
        out.addAll(argv);
        return out;
    }

    /** An AOT cache being made: two JVMs one after the other; {@link #poll} from the arbiter's loop. */
    final class Training {
        private final List<List<String>> steps;
        private final Path aotConf;
        private final Path cache;
        private final Path workDir;
        private final Path heartbeat;
        private int step = -1;
        private long pid;
        private Boolean result;
        private String failure;

        private Training(List<List<String>> steps, Path aotConf, Path cache, Path workDir, Path heartbeat) {
            this.steps = steps;
            this.aotConf = aotConf;
            this.cache = cache;
            this.workDir = workDir;
            this.heartbeat = heartbeat;
        }

        private void next() throws IOException {
            step++;
            try {
                pid = Spawner.spawn(steps.get(step), env, List.of(), chdir);
            } catch (PosixException e) {
                finish(false, "cannot spawn the training JVM: " + e.getMessage());
            }
        }

        /** Null while it runs; then true when the cache was made. Never blocks. */
        Boolean poll() {
            if (result != null) {
                return result;
            }
            Posix.ExitStatus st = Posix.reap(pid);
            if (st == null) {
                return null;
            }
            if (st.signaled() || st.code() != 0) {
                finish(false, (step == 0 ? "the training worker" : "the AOT cache assembly")
                        + (st.signaled() ? " was killed by signal " + st.signal() : " exited with code " + st.code()));
            } else if (step + 1 < steps.size()) {
                try {
                    next();
                } catch (IOException e) {
                    finish(false, e.getMessage());
                }
            } else {
                finish(Files.isRegularFile(cache), "no cache file was written");
            }
            return result;
        }

        /** Why it failed, once {@link #poll} said false. */
        String failure() {
            return failure;
        }

        /** Kills the JVM at work, if any, and removes what it left. */
        void cancel() {
            if (result == null) {
                Posix.kill(pid, Posix.SIGKILL);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (Posix.reap(pid) == null && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10); // SIGKILL: it is gone within moments, and cannot tell us
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                finish(false, "cancelled");
            }
        }

        private void finish(boolean ok, String why) {
            result = ok;
            failure = ok ? null : why;
            try {
                FileTrees.delete(workDir);
                Files.deleteIfExists(heartbeat);
                Files.deleteIfExists(aotConf);
                if (!ok) {
                    Files.deleteIfExists(cache);
                }
            } catch (IOException e) {
                // scratch files: the run directory goes at exit, the store prunes its own
            }
        }
    }

    /**
     * For the two AOT runs: log lines below error (the classes a cache skips) and the JVM's own
     * progress lines on stdout ("AOTConfiguration recorded", "AOTCache creation is complete") are
     * noise in an operator's log; a failure is still reported by the arbiter.
     */
    private static final List<String> QUIET_AOT = List.of("-Xlog:aot*=error,cds*=error",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput");

    private static List<String> quiet(String... opts) {
        List<String> out = new ArrayList<>(QUIET_AOT);
        out.addAll(List.of(opts));
        return out;
    }

    /** The AOT cache workers spawned from now on map, or null. */
    Path aotCache() {
        return aotCache;
    }

    /** Workers spawned from now on map {@code cache} (null: none). */
    void useAotCache(Path cache) {
        aotCache = cache;
    }

    /**
     * What a worker of the generation being configured is started with, apart from its own files
     * and any AOT cache: what a cache made for it depends on ({@link AotCacheStore#key}).
     */
    List<String> workerJvm() {
        return command(List.of(), List.of());
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
