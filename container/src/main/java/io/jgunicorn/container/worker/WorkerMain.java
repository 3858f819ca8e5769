package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.hooks.HookedApplication;
import io.jgunicorn.container.hooks.Hooks;
import io.jgunicorn.container.hooks.Server;
import io.jgunicorn.container.hooks.WorkerInfo;
import io.jgunicorn.container.logging.AccessLog;
import io.jgunicorn.container.logging.Logs;
import io.jgunicorn.container.metrics.WorkerMetrics;
import io.jgunicorn.container.process.ProcessName;
import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point of a worker JVM, spawned by the arbiter with the listening socket on fd 0.
 * Its arguments, exit codes and files are the {@link WorkerContract}.
 */
public final class WorkerMain {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.worker");

    public static void main(String[] argv) {
        WorkerContract.Args args;
        Config config;
        try {
            args = WorkerContract.Args.parse(argv);
            if (WorkerContract.SPARE.equals(args.mode()) && !awaitSettings(args.settings())) {
                System.exit(WorkerContract.EXIT_OK); // the arbiter is gone: nobody will need this spare
                return;
            }
            config = Config.fromText(readSettings(args.settings()));
        } catch (IOException | RuntimeException | InterruptedException e) {
            System.err.println("jgunicorn worker: cannot read settings: " + e.getMessage());
            System.exit(WorkerContract.WORKER_BOOT_ERROR);
            return;
        }
        try {
            Logs.configure(config.string("errorlog"), config.string("loglevel"), config.string("accesslog"),
                    config.string("logconfig"));
        } catch (RuntimeException e) {
            System.err.println("jgunicorn worker: " + e.getMessage());
            System.exit(WorkerContract.WORKER_BOOT_ERROR);
            return;
        }
        if (config.bool("capture_output")) {
            Logs.captureOutput();
        }
        String name = config.string("proc_name");
        ProcessName.set(name == null ? null : name + "-worker");
        WorkerMain main = new WorkerMain(config, args.age());
        if (WorkerContract.CHECK.equals(args.mode())) {
            System.exit(DeployCheck.run(config, args.workDir(), args.result()));
        }
        if (WorkerContract.TRAIN.equals(args.mode())) {
            System.exit(main.train(args.workDir()));
        }
        System.exit(main.boot(args.heartbeat(), args.workDir()));
    }

    private final Config config;
    private final WorkerInfo self;
    private final Server server;
    private Hooks hooks = Hooks.none();
    /** Set once the worker class runs; null while booting. */
    private volatile Worker serving;

    private WorkerMain(Config config, int age) {
        this.config = config;
        this.self = new WorkerInfo(ProcessHandle.current().pid(), age, -1);
        long arbiter = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        this.server = new Server(arbiter, config.asText(), config.integer("workers"));
    }

    /** The --preload training run: load the app as a worker would, then exit (the JVM writes the AOT cache). */
    private int train(Path workDir) {
        try (HttpApplication app = loadApp(config, workDir)) {
            Workers.canonicalName(config.string("worker_class"), config.integer("threads"));
            return 0;
        } catch (AppLoadException | RuntimeException e) {
            log.error("Preload training failed: {}", e.getMessage());
            return WorkerContract.APP_LOAD_ERROR;
        }
    }

    private int boot(Path heartbeatFile, Path workDir) {
        // first of all: a worker the arbiter gives up on while it boots also shows what it was doing
        handle("ABRT", this::abort);
        Heartbeat heartbeat = new Heartbeat(heartbeatFile, config.integer("max_requests"),
                config.integer("max_requests_jitter"), config.integer("max_worker_memory"));
        WorkerMetrics metrics = WorkerMetrics.create(config, heartbeatFile.getParent(), self.age());
        if (metrics != null) {
            heartbeat.observe(metrics);
        }
        if (config.string("accesslog") != null || config.string("logconfig") != null) {
            heartbeat.addObserver(new AccessLog(config.string("access_log_format"), config.bool("access_log_json")));
        }
        try {
            DropPrivileges.apply(config, heartbeatFile, workDir);
        } catch (IOException | RuntimeException e) {
            log.error("Exception in worker process: cannot switch user/group: {}", e.getMessage());
            return WorkerContract.WORKER_BOOT_ERROR;
        }
        try {
            hooks = Hooks.load(config.string("server_hooks"), config.list("classpath"));
        } catch (RuntimeException e) {
            log.error("Exception in worker process: {}", e.getMessage());
            return WorkerContract.WORKER_BOOT_ERROR;
        }
        try {
            hooks.hooks().postFork(server, self); // as in Gunicorn, a failing post_fork is a boot error
        } catch (Exception e) {
            log.error("Exception in post_fork hook: {}", e.toString());
            return WorkerContract.WORKER_BOOT_ERROR;
        }
        List<ServerSocketChannel> listeners;
        Worker worker;
        HttpApplication app;
        try {
            listeners = InheritedListeners.take(config.list("bind").size());
        } catch (IOException | RuntimeException e) {
            log.error("Exception in worker process: {}", e.getMessage());
            return WorkerContract.WORKER_BOOT_ERROR;
        }
        try {
            app = loadApp(config, workDir);
        } catch (AppLoadException e) {
            log.error("{}", e.getMessage());
            heartbeat.loadFailed(e.getMessage());
            return WorkerContract.APP_LOAD_ERROR;
        } catch (RuntimeException | LinkageError e) {
            log.error("App failed to load", e);
            heartbeat.loadFailed(e.toString());
            return WorkerContract.APP_LOAD_ERROR;
        }
        hooks.run("post_worker_init", h -> h.postWorkerInit(self));
        if (hooks.present()) {
            app = new HookedApplication(app, hooks, self);
        }
        try {
            worker = Workers.create(config.string("worker_class"),
                    new WorkerContext(listeners, app, config, heartbeat));
        } catch (RuntimeException e) {
            log.error("Exception in worker process: {}", e.getMessage());
            return WorkerContract.WORKER_BOOT_ERROR;
        }
        installSignals(worker, heartbeat);
        serving = worker;
        try {
            heartbeat.ready();
            log.debug("Worker (pid: {}) serving {} ms after its JVM started", self.pid(),
                    System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
            worker.run();
            heartbeat.stopped(); // listeners and connections are closed: only the app's shutdown is left
        } catch (Exception e) {
            log.error("Exception in worker process", e);
            return 1;
        } finally {
            app.close();
        }
        log.info("Worker exiting (pid: {})", self.pid());
        hooks.run("worker_exit", h -> h.workerExit(server, self));
        return 0;
    }

    /** {@code --check-config}: loads the app once (in the calling process) and closes it. */
    public static void loadOnce(Config config, Path workDir) throws AppLoadException {
        try (HttpApplication app = loadApp(config, workDir)) {
            log.debug("check_config: {} loaded", app);
        }
    }

    static HttpApplication loadApp(Config config, Path workDir) throws AppLoadException {
        String[] source = appSource(config);
        String ctx = config.string("context_path");
        List<Path> cp = config.list("classpath").stream().map(Path::of).toList();
        AppSpec spec = new AppSpec(source[1], source[0], "/".equals(ctx) ? "" : ctx, workDir, cp, config.asText());
        for (AppLoader loader : ServiceLoader.load(AppLoader.class)) {
            if (loader.supports(spec)) {
                return loader.load(spec);
            }
        }
        throw new AppLoadException("no loader understands " + source[0] + " '" + source[1] + "'");
    }

    /** The one app source: kind and value. */
    static String[] appSource(Config config) {
        for (String kind : List.of("war", "paste", "deploy_dir", "app")) {
            String v = config.string(kind);
            if (v != null) {
                return new String[] {kind.replace('_', '-'), v};
            }
        }
        throw new IllegalStateException("no app source");
    }

    private void installSignals(Worker worker, Heartbeat heartbeat) {
        // the worker first, so its loop never sees the exit flag without the take-the-queue request
        handle("TERM", () -> {
            worker.shutdown(true);
            heartbeat.requestExit();
        });
        handle("HUP", () -> {
            worker.shutdown(true);
            heartbeat.requestExit();
        });
        handle("INT", () -> {
            hooks.run("worker_int", h -> h.workerInt(self));
            heartbeat.requestExit();
            worker.shutdown(false);
        });
        handle("USR1", Logs::reopen);
        // ABRT (installed at boot), as in Gunicorn; USR2 belongs to HotSpot (thread suspend/resume,
        // e.g. for JFR sampling)
        handle("WINCH", () -> { });
    }

    /** The arbiter found us silent past the timeout (or still booting past boot_timeout): show where every thread is, then go. */
    private void abort() {
        Worker worker = serving;
        log.error("Worker {}; thread dump follows (pid: {})\n{}", worker == null ? "timed out while booting" : "timed out",
                self.pid(), ThreadDumps.dump());
        hooks.run("worker_abort", h -> h.workerAbort(self));
        hooks.run("worker_exit", h -> h.workerExit(server, self)); // as Gunicorn: every exit, an abort too
        if (worker != null) {
            worker.shutdown(false);
        }
        Runtime.getRuntime().halt(1);
    }

    private static void handle(String name, Runnable action) {
        Signal.handle(new Signal(name), s -> action.run());
    }

    /**
     * A spare worker ({@link WorkerContract#SPARE}) waits here, its JVM started and nothing of any
     * application loaded, until the arbiter moves its settings file into place (an atomic rename:
     * once it exists it is whole). While waiting it loads the app loaders' own classes
     * ({@link AppLoader#warmUp}), never an application's. Returns false when the arbiter exits first.
     */
    private static boolean awaitSettings(Path settings) throws InterruptedException {
        ProcessHandle arbiter = ProcessHandle.current().parent().orElse(null);
        for (AppLoader loader : ServiceLoader.load(AppLoader.class)) {
            loader.warmUp();
        }
        while (!Files.exists(settings)) {
            if (arbiter == null || !arbiter.isAlive()) {
                return false;
            }
            Thread.sleep(5); // the arbiter has no channel to this process but the file; 5 ms is the whole cost
        }
        return true;
    }

    static Map<String, String> readSettings(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }
}
