package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.deploy.DeployDirectory;
import io.jgunicorn.container.ctl.ControlTarget;
import io.jgunicorn.container.ctl.ControlServer;
import io.jgunicorn.container.ctl.ControlRequest;
import io.jgunicorn.container.ctl.ControlCommands;
import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.config.Config;
import io.jgunicorn.container.hooks.Hooks;
import io.jgunicorn.container.hooks.Server;
import io.jgunicorn.container.hooks.WorkerInfo;
import io.jgunicorn.container.metrics.ArbiterMetrics;
import io.jgunicorn.container.metrics.WorkerState;
import io.jgunicorn.container.posix.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's arbiter: keeps {@code workers} worker processes alive on the sockets it bound, and
 * answers signals. It never touches client connections. Verbs as in Gunicorn: spawn, reap,
 * murder (the timed-out), manage (converge to N), reload, stop, halt.
 */
public final class Arbiter implements ControlTarget {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");
    private static final long KILL_GRACE_MILLIS = 5_000;

    private final List<BoundSocket> sockets;
    private final ListenerChanges listenerChanges;
    private final SystemdNotify systemd = SystemdNotify.fromEnvironment(System.getenv(SystemdNotify.ENV));
    private final Supplier<Config> reloadConfig;
    private final Path runDir;
    private final ArbiterEvents events = new ArbiterEvents();
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final WorkerLauncher launcher;
    private final Hooks hooks;
    private ArbiterMetrics metrics;
    private Config config;
    private int numWorkers;
    private int nextAge = 1;
    private final long startedAtMillis = System.currentTimeMillis();
    private final RollOut rollOut = new RollOut();
    /** True once some worker has become ready: from then on, boot failures never halt the arbiter. */
    private boolean served;
    private final BinaryUpgrade upgrade;
    private ControlServer controlServer;
    private Integer haltCode;
    /** How long handshakes under way may take to complete once the sockets ignore new connections. */
    private static final long HANDSHAKE_SETTLE_MILLIS = 100;
    /** Workers that died before they were ready, in a row; spawning backs off while it grows. */
    private int bootFailures;
    private long noSpawnBeforeMillis;
    /** The --deploy-dir scanner, or null. */
    private DeployDirectory deploys;
    private String haltReason;
    /** deploy_spare_workers: worker JVMs started ahead, waiting for the next deploy-directory roll. */
    private final SpareWorkers spares;
    /** The workers' AOT cache kept between runs (on unless no_aot_cache or --preload). */
    private final KeptAotCache aot;
    /** The generation last promoted: workers of older ones are on their way out. */
    private int servingGeneration = 1;

    public Arbiter(Config config, List<BoundSocket> sockets, Supplier<Config> reloadConfig, Path runDir, Hooks hooks) {
        this.config = config;
        this.hooks = hooks;
        this.sockets = new ArrayList<>(sockets); // changed in place by a HUP that changes bind
        this.listenerChanges = new ListenerChanges(this.sockets);
        this.reloadConfig = reloadConfig;
        this.runDir = runDir;
        this.numWorkers = config.integer("workers");
        this.launcher = new WorkerLauncher(runDir, this.sockets);
        this.spares = new SpareWorkers(launcher);
        this.aot = new KeptAotCache(launcher, runDir);
        this.upgrade = new BinaryUpgrade(this.sockets);
        this.metrics = newMetrics(config);
    }

    /**
     * Tells the arbiter it was started by USR2: {@code pidFile} is {@code <pidfile>.2} until the old
     * arbiter ({@code oldPid}) exits, then it becomes {@code finalPath}.
     */
    public Arbiter upgradedFrom(long oldPid, PidFile pidFile, Path finalPath) {
        upgrade.startedBy(oldPid, pidFile, finalPath);
        return this;
    }

    /** Runs until stopped; returns the process exit code. */
    public int run() throws IOException, InterruptedException {
        events.installSignalHandlers();
        controlServer = openControlSocket();
        metrics.start();
        launcher.configure(config, rollOut.generation());
        if (config.string("deploy_dir") != null) {
            deploys = new DeployDirectory(Path.of(config.string("deploy_dir")),
                    (Double) config.get("deploy_scan_interval"), config.bool("deploy_skip_check"), runDir, launcher);
            deploys.watchForChanges(events::wake);
            deploys.start(config);
            launcher.configure(workerConfig(), rollOut.generation());
        }
        log.info("Using worker: {}", config.string("worker_class"));
        aot.configured(workerConfig());
        preload();
        manage();
        Reloader reloader = config.bool("reload") ? new Reloader(Reloader.watched(config), changed -> {
            log.info("Worker reloading: {} modified", changed);
            events.signal("HUP"); // the same rolling restart: a broken build leaves the old workers serving
        }).start() : null;
        while (haltCode == null) {
            Object event = events.poll(deploys == null ? 250 : deploys.loopMillis(250));
            if (event instanceof String sig) {
                handle(sig);
            } else if (event instanceof ControlRequest req) {
                ControlCommands.answer(req, this);
            }
            reap();
            murder();
            metrics.observe(workerStates());
            systemd.status(systemdStatus());
            if (haltCode == null) {
                manage();
                promote();
                afterUpgrade();
                manageSpares();
                aot.tick(generationServing());
            }
            if (haltCode == null && deploys != null && deploys.tick(config, rollOut.rolling())) {
                redeploy();
            }
            // an old worker that has stopped serving (listeners and connections closed) may still
            // be closing its application and exiting: it can no longer answer anyone
            if (deploys != null && deploys.awaitingOldWorkers()
                    && workers.stream().noneMatch(w -> w.generation < servingGeneration && !w.stoppedServing())) {
                deploys.oldWorkersGone();
            }
        }
        if (reloader != null) {
            reloader.stop();
        }
        log.info("Shutting down: Master");
        if (haltReason != null) {
            log.info("Reason: {}", haltReason);
        }
        if (deploys != null) {
            deploys.close();
        }
        spares.discard(Posix.SIGKILL);
        aot.cancel();
        hooks.run("on_exit", h -> h.onExit(server()));
        for (BoundSocket s : sockets) {
            s.close();
        }
        if (controlServer != null) {
            controlServer.close();
        }
        metrics.close();
        systemd.close();
        deleteRunDir();
        return haltCode;
    }

    private ControlServer openControlSocket() {
        if (config.bool("no_control_socket")) {
            return null;
        }
        Path path = Path.of(config.string("control_socket")).toAbsolutePath();
        try {
            ControlServer cs = ControlServer.open(path, events::control);
            log.info("Control socket at: {}", path);
            return cs;
        } catch (IOException e) {
            log.warn("No control socket: {}", e.getMessage());
            return null;
        }
    }

    private void handle(String sig) throws IOException, InterruptedException {
        switch (sig) {
            case "HUP" -> reload();
            case "TERM" -> stop(true, 0, null);
            case "INT" -> stop(false, 0, null);
            case "TTIN" -> {
                log.info("Handling signal: ttin");
                setWorkers(numWorkers + 1);
            }
            case "TTOU" -> {
                log.info("Handling signal: ttou");
                setWorkers(Math.max(1, numWorkers - 1));
            }
            case "USR1" -> {
                io.jgunicorn.container.logging.Logs.reopen(); // first, so this line starts the new file
                log.info("Handling signal: usr1");
                signalAll(Posix.SIGUSR1);
            }
            case "WINCH" -> winch();
            case "USR2" -> reexec();
            default -> { } // CHLD: reaping happens on every turn
        }
    }

    // --- control commands (run on the loop thread) ------------------------------------------

    @Override
    public List<Map<String, Object>> workersView() {
        long now = System.currentTimeMillis();
        return workers.stream().map(w -> w.view(now)).toList();
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("uptime_s", (System.currentTimeMillis() - startedAtMillis) / 1000);
        m.put("worker_class", config.string("worker_class"));
        m.put("workers_wanted", numWorkers);
        m.put("workers_alive", workers.size());
        m.put("workers_ready", workers.stream().filter(WorkerProcess::isReady).count());
        m.put("generation", rollOut.generation());
        m.put("workers_spawned", nextAge - 1);
        m.put("listeners", sockets.stream().map(BoundSocket::url).toList());
        return m;
    }

    @Override
    public List<Map<String, Object>> deploymentsView() {
        if (deploys == null) {
            throw new IllegalArgumentException("no deploy directory (start jgunicorn with --deploy-dir DIR)");
        }
        return deploys.view();
    }

    @Override
    public Map<String, String> configView() {
        return config.asText();
    }

    @Override
    public String requestReload() {
        events.signal("HUP");
        return "reloading";
    }

    @Override
    public String reopenLogs() {
        events.signal("USR1");
        return "reopening log files";
    }

    @Override
    public String requestShutdown(boolean graceful) {
        events.signal(graceful ? "TERM" : "INT");
        return graceful ? "shutting down gracefully" : "shutting down now";
    }

    @Override
    public Map<String, Object> changeWorkers(long n, int sign) {
        int old = numWorkers;
        setWorkers((int) Math.max(1, Math.min(10_000, numWorkers + sign * n)));
        return Map.of("workers", numWorkers, "was", old);
    }

    @Override
    public String killWorker(long pid) {
        WorkerProcess w = workers.stream().filter(x -> x.pid == pid).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no worker with pid " + pid));
        requestStop(w, Posix.SIGTERM);
        return "stopping worker " + pid;
    }

    private List<WorkerState> workerStates() {
        return workers.stream()
                .map(w -> new WorkerState(w.pid, w.age, w.isReady(), w.stopRequestedAtMillis != 0)).toList();
    }

    private void setWorkers(int n) {
        int old = numWorkers;
        numWorkers = n;
        if (old != n) {
            hooks.run("nworkers_changed", h -> h.nworkersChanged(server(), n, old));
        }
    }

    private String systemdStatus() {
        return SystemdNotify.workers(workers.stream().filter(WorkerProcess::isReady).count(), numWorkers);
    }

    private Server server() {
        return new Server(ProcessHandle.current().pid(), config.asText(), numWorkers);
    }

    /** True when no generation is rolling in and every worker of the current one is ready. */
    private boolean generationServing() {
        return !rollOut.rolling() && numWorkers > 0
                && workers.stream().filter(w -> w.generation == rollOut.generation() && w.isReady()).count() >= numWorkers;
    }

    /** {@code --preload}: build the workers' AOT cache before the first of them starts. */
    private void preload() throws IOException, InterruptedException {
        if (!config.bool("preload_app")) {
            return;
        }
        long t0 = System.nanoTime();
        if (launcher.train(rollOut.generation())) {
            log.info("Preloaded: workers share an AOT cache (built in {} ms)", (System.nanoTime() - t0) / 1_000_000);
        } else {
            log.warn("Preload failed: the training worker did not produce an AOT cache; workers start without one");
        }
    }

    /** USR2: a new arbiter on the same sockets; this one keeps serving until told to stop. */
    private void reexec() {
        log.info("Handling signal: usr2");
        if (upgrade.mayStart()) {
            hooks.run("pre_exec", h -> h.preExec(server()));
            upgrade.start();
        }
    }

    /** WINCH: when daemonized, stop every worker but keep the sockets (HUP brings them back). */
    private void winch() {
        if (!config.bool("daemon")) {
            log.info("SIGWINCH ignored. Not daemonized");
            return;
        }
        log.info("graceful stop of workers");
        setWorkers(0);
        stopAll(Posix.SIGTERM);
    }

    /** In a new arbiter: take over the pidfile, control socket and metrics once the old arbiter is gone. */
    private void afterUpgrade() {
        if (!upgrade.tookOver()) {
            return;
        }
        if (controlServer == null) {
            controlServer = openControlSocket();
        }
        systemd.tookOver(systemdStatus());
        metrics.start(); // the old arbiter held metrics_bind until now
    }

    /** Re-reads the configuration and rolls in a new generation; the old keeps serving until it is ready. */
    private void reload() throws IOException {
        log.info("Handling signal: hup");
        systemd.reloading();
        Config next;
        try {
            next = reloadConfig.get();
        } catch (RuntimeException e) {
            log.error("Reload failed, keeping the current configuration: {}", e.getMessage());
            systemd.ready(systemdStatus());
            return;
        }
        Config before = config;
        config = next;
        reconfigureMetrics(before);
        hooks.run("on_reload", h -> h.onReload(server()));
        setWorkers(config.integer("workers"));
        listenerChanges.reload(config);
        launcher.configure(workerConfig(), rollOut.begin(before));
        aot.configured(workerConfig());
        try {
            preload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rollIn();
    }

    /**
     * The deploy directory changed: a new generation loads the new application list, as on HUP,
     * in spare workers ({@code deploy_spare_workers}) where there are any.
     */
    private void redeploy() throws IOException {
        log.info("Deploy directory changed: rolling in new workers");
        launcher.configure(workerConfig(), rollOut.begin(config));
        aot.configured(workerConfig());
        for (WorkerProcess w : workers) {
            w.retiring = true;
        }
        for (int i = 0; i < numWorkers; i++) {
            if (!handOverSpare()) {
                spawn();
            }
        }
    }

    /** Retires every worker and spawns a new generation; {@link #promote} stops the old one once it is ready. */
    private void rollIn() throws IOException {
        for (WorkerProcess w : workers) {
            w.retiring = true;
        }
        for (int i = 0; i < numWorkers; i++) {
            spawn();
        }
    }

    /** A waiting spare becomes a worker of the generation being rolled in; false when none fits. */
    private boolean handOverSpare() throws IOException {
        WorkerLauncher.Spare spare = spares.take();
        if (spare == null) {
            return false;
        }
        hooks.run("pre_fork", h -> h.preFork(server(), new WorkerInfo(0, spare.age(), -1)));
        metrics.spawning(spare.age());
        WorkerProcess w = launcher.handOver(spare, rollOut.generation());
        metrics.spawned(spare.age(), w.pid);
        workers.add(w);
        log.info("Booting worker with pid: {} (a spare: its JVM was started ahead)", w.pid);
        return true;
    }

    /** Keeps {@code deploy_spare_workers} spares waiting, for the deploy directory only. */
    private void manageSpares() throws IOException {
        if (deploys != null) {
            spares.keep(config.integer("deploy_spare_workers"),
                    !rollOut.rolling() && System.currentTimeMillis() >= noSpawnBeforeMillis, () -> nextAge++);
        }
    }

    /** The settings workers get: the configuration, plus the deploy directory's application list. */
    private Config workerConfig() {
        return deploys == null ? config : config.with(Map.of("deploy_apps", deploys.manifest()));
    }

    /** Once every worker of a reload's generation is ready, the old generation is stopped gracefully. */
    private void promote() {
        if (rollOut.readyToPromote(workers, numWorkers)) {
            if (upgrade.newArbiterPid() == 0) {
                listenerChanges.closingForGood(); // before the old workers take what is queued on them
            }
            for (WorkerProcess w : workers) {
                if (!rollOut.isPending(w.generation) && w.stopRequestedAtMillis == 0) {
                    requestStop(w, Posix.SIGTERM);
                }
            }
            servingGeneration = rollOut.generation();
            rollOut.promote();
            listenerChanges.commit();
            systemd.ready(systemdStatus());
            if (deploys != null) {
                deploys.rolled(true, config.integer("graceful_timeout") * 1000L + 2 * KILL_GRACE_MILLIS, null);
            }
        }
    }

    private void spawn() throws IOException {
        int age = nextAge++;
        hooks.run("pre_fork", h -> h.preFork(server(), new WorkerInfo(0, age, -1)));
        metrics.spawning(age);
        WorkerProcess w = launcher.spawn(age, rollOut.generation());
        metrics.spawned(age, w.pid);
        workers.add(w);
        log.info("Booting worker with pid: {}", w.pid);
    }

    /**
     * Converges the number of live, non-retiring workers to {@code numWorkers}. A worker that is
     * leaving on its own or was found hung no longer counts, so its replacement starts before it is gone.
     */
    private void manage() throws IOException {
        List<WorkerProcess> active = workers.stream()
                .filter(w -> !w.retiring && w.stopRequestedAtMillis == 0 && w.abortedAtMillis == 0
                        && !w.leavingOnItsOwn()).toList();
        if (active.size() < numWorkers && System.currentTimeMillis() >= noSpawnBeforeMillis) {
            for (int i = active.size(); i < numWorkers; i++) {
                spawn();
            }
        }
        if (active.size() > numWorkers) {
            active.stream().sorted(Comparator.comparingInt(w -> w.age)).limit(active.size() - numWorkers)
                    .forEach(w -> requestStop(w, Posix.SIGTERM));
        }
        for (WorkerProcess w : workers) {
            if (!w.readyLogged && w.isReady()) {
                w.readyLogged = true;
                bootFailures = 0;
                noSpawnBeforeMillis = 0;
                log.debug("Worker ready (pid: {}) {} ms after spawn", w.pid, System.currentTimeMillis() - w.spawnedAtMillis);
            }
        }
        // any generation: a HUP may come before this loop saw the first workers ready
        if (!served && workers.stream().anyMatch(WorkerProcess::isReady)) {
            served = true;
            hooks.run("when_ready", h -> h.whenReady(server()));
            systemd.ready(systemdStatus());
        }
    }

    private ArbiterMetrics newMetrics(Config c) {
        return ArbiterMetrics.create(c, runDir, sockets.stream().map(BoundSocket::fd).toList());
    }

    /**
     * After a reload (or its rollback): metrics settings that changed take effect, as Gunicorn
     * re-creates its StatsD logger on HUP; the endpoint moves, and its counters start again.
     */
    private void reconfigureMetrics(Config before) {
        if (ArbiterMetrics.sameSettings(before, config)) {
            return;
        }
        metrics.close();
        metrics = newMetrics(config);
        metrics.start();
        log.info("Metrics settings changed: the metrics were restarted with them");
    }

    /** Collects exited workers; a boot failure before anything served halts with its code. */
    private void reap() {
        spares.reap();
        for (var it = workers.iterator(); it.hasNext(); ) {
            WorkerProcess w = it.next();
            Posix.ExitStatus st = Posix.reap(w.pid);
            if (st == null) {
                continue;
            }
            it.remove();
            boolean wasReady = w.isReady();
            String loadFailure = w.loadFailure();
            w.deleteFiles();
            metrics.exited(w.age, w.stopRequestedAtMillis != 0, w.abortedAtMillis != 0,
                    !st.signaled() && st.code() == 0);
            WorkerInfo info = new WorkerInfo(w.pid, w.age, st.signaled() ? -1 : st.code());
            hooks.run("child_exit", h -> h.childExit(server(), info));
            if (st.signaled()) {
                WorkerExits.logSignaled(log, w, st.signal());
            } else if (st.code() != 0 && w.stopRequestedAtMillis == 0) {
                log.error("Worker (pid:{}) exited with code {}", w.pid, st.code());
            }
            // a boot error happens before the worker is ready; after that, 3 is the JVM's
            // ExitOnOutOfMemoryError, and the worker is simply replaced
            // a failed reload rolls back instead (bootFailed): only workers that should have served count
            if (!wasReady && w.stopRequestedAtMillis == 0 && !rollOut.isPending(w.generation)) {
                backOff(w);
            }
            if ((st.code() == WorkerContract.WORKER_BOOT_ERROR || st.code() == WorkerContract.APP_LOAD_ERROR) && !wasReady) {
                bootFailed(w, st.code(), loadFailure);
            } else if (st.code() == WorkerContract.WORKER_BOOT_ERROR) {
                log.error("Worker (pid:{}) ran out of memory", w.pid);
            }
        }
    }

    /**
     * A worker died before it was ready: the next spawn waits 1, 2, 4 ... up to 60 s, so an
     * application that cannot start (or starts too slowly for boot_timeout) is not respawned in a loop.
     */
    private void backOff(WorkerProcess w) {
        bootFailures++;
        if (bootFailures < 2) {
            return; // one failure is retried at once
        }
        long delay = Math.min(60_000L, 1000L << Math.min(6, bootFailures - 2));
        noSpawnBeforeMillis = System.currentTimeMillis() + delay;
        log.warn("{} workers in a row died before they were ready (last: pid {}); next spawn in {} s",
                bootFailures, w.pid, delay / 1000);
    }

    private void bootFailed(WorkerProcess w, int code, String loadFailure) {
        String reason = code == WorkerContract.WORKER_BOOT_ERROR ? "Worker failed to boot." : "App failed to load.";
        if (rollOut.isPending(w.generation)) {
            log.error("Reload failed: {} The previous workers keep serving.", reason);
            for (WorkerProcess x : workers) {
                if (rollOut.isPending(x.generation)) {
                    requestStop(x, Posix.SIGINT);
                } else {
                    x.retiring = false;
                }
            }
            Config previous = rollOut.fail();
            if (deploys != null) {
                deploys.rolled(false, 0, loadFailure);
            }
            rollBack(previous);
            systemd.ready(systemdStatus());
            return;
        }
        // a worker told to stop (the rest of a failed reload) or one beside a ready worker halts nothing
        if (!served && w.stopRequestedAtMillis == 0 && workers.stream().noneMatch(WorkerProcess::isReady)) {
            stopAll(Posix.SIGINT);
            halt(code, reason);
        }
    }

    /** After a failed reload, replacements are spawned with the configuration that worked. */
    private void rollBack(Config previous) {
        if (previous == null) {
            return;
        }
        Config failed = config;
        config = previous;
        listenerChanges.rollBack();
        reconfigureMetrics(failed);
        numWorkers = config.integer("workers");
        try {
            launcher.configure(workerConfig(), rollOut.generation());
            aot.configured(workerConfig());
        } catch (IOException e) {
            log.error("Cannot restore the previous worker settings: {}", e.getMessage());
        }
    }

    /** Workers silent past the timeout dump their threads (SIGABRT, as in Gunicorn), then are killed. */
    private void murder() {
        int timeout = config.integer("timeout");
        long now = System.currentTimeMillis();
        for (WorkerProcess w : workers) {
            if (w.abortedAtMillis != 0) {
                if (now - w.abortedAtMillis > KILL_GRACE_MILLIS) {
                    w.kill("it timed out and was still running " + KILL_GRACE_MILLIS / 1000 + " s after SIGABRT");
                }
                continue;
            }
            if (w.stopRequestedAtMillis != 0) {
                if (now - w.stopRequestedAtMillis > (config.integer("graceful_timeout") * 1000L) + KILL_GRACE_MILLIS) {
                    w.kill("it did not stop within graceful_timeout (" + config.integer("graceful_timeout") + " s)");
                }
                continue;
            }
            if (!w.isReady()) {
                int boot = config.integer("boot_timeout");
                if (boot > 0 && now - w.spawnedAtMillis > boot * 1000L) {
                    log.error("WORKER BOOT TIMEOUT (pid:{}): not ready after {} s (boot_timeout)", w.pid, boot);
                    abort(w, now);
                }
                continue;
            }
            if (timeout > 0 && now - w.lastHeartbeatMillis() > timeout * 1000L) {
                log.error("WORKER TIMEOUT (pid:{})", w.pid);
                abort(w, now);
            }
        }
    }

    /**
     * As Gunicorn: the worker dumps its threads, runs worker_abort and exits (killed if it cannot).
     * It stops counting as a worker now, so the next {@link #manage} starts its replacement at once.
     */
    private void abort(WorkerProcess w, long now) {
        w.abortedAtMillis = now;
        Posix.kill(w.pid, Posix.SIGABRT);
    }

    /**
     * Graceful (TERM) or quick (INT) stop of every worker, then halt. Graceful: /ready answers 503
     * from now on; with shutdown_delay the workers go on serving that long first; then the arbiter
     * closes its copies of the listeners and each worker takes what waits in their queues, closes
     * its own copies (from then on a new connection is refused) and serves what it holds.
     */
    private void stop(boolean graceful, int code, String reason) throws InterruptedException, IOException {
        log.info("Handling signal: {}", graceful ? "term" : "int");
        systemd.stopping(upgrade.newArbiterPid());
        metrics.draining();
        if (graceful && !delayShutdown()) {
            graceful = false; // INT during the delay: stop now
        }
        if (graceful && upgrade.newArbiterPid() == 0) {
            ignoreNewConnections();
        }
        for (BoundSocket s : sockets) {
            s.close(); // stop accepting at the arbiter; workers close their copies as they stop
        }
        stopAll(graceful ? Posix.SIGTERM : Posix.SIGINT);
        spares.discard(Posix.SIGKILL);
        aot.cancel(); // its CPU is the stopping workers' now
        long deadline = System.currentTimeMillis()
                + (graceful ? config.integer("graceful_timeout") * 1000L + KILL_GRACE_MILLIS : 2_000);
        while (!workers.isEmpty() && System.currentTimeMillis() < deadline) {
            reap();
            if (!workers.isEmpty() && events.poll(50) instanceof ControlRequest req) {
                req.answer().complete(Map.of("ok", false, "error", "shutting down"));
            }
        }
        for (WorkerProcess w : workers) {
            w.kill(graceful ? "it did not stop within graceful_timeout (" + config.integer("graceful_timeout") + " s)"
                    : "it did not stop within 2 s of SIGINT");
        }
        while (!workers.isEmpty()) {
            reap();
            Thread.sleep(10); // SIGKILL was sent: only the kernel's reaping is left to wait for
        }
        halt(code, reason);
    }

    /**
     * shutdown_delay: keeps supervising (and the workers serving) while /ready already says 503, so
     * a load balancer can take this server out before its listeners close. A second TERM ends the
     * delay; false when an INT asked for a quick stop meanwhile.
     */
    private boolean delayShutdown() throws IOException, InterruptedException {
        int delay = config.integer("shutdown_delay");
        if (delay <= 0) {
            return true;
        }
        log.info("Serving {} s more before the graceful stop (shutdown_delay); /ready answers 503", delay);
        long end = System.currentTimeMillis() + delay * 1000L;
        while (System.currentTimeMillis() < end) {
            Object event = events.poll(Math.max(1, Math.min(250, end - System.currentTimeMillis())));
            if ("INT".equals(event)) {
                return false;
            }
            if ("TERM".equals(event)) {
                break;
            }
            if (event instanceof ControlRequest req) {
                ControlCommands.answer(req, this);
            }
            reap();
            murder();
            manage();
        }
        return true;
    }

    /**
     * The sockets close for good (no new arbiter takes them over): new connection attempts are
     * ignored from now on, and handshakes already under way get {@link #HANDSHAKE_SETTLE_MILLIS} to
     * complete into the queues, which the workers empty at their TERM before their last copies
     * close. Without this, a connection the kernel completed between a worker's last accept and
     * its close would be reset; with it, a late client's SYN is retried and then refused.
     */
    private void ignoreNewConnections() throws InterruptedException {
        boolean any = false;
        for (BoundSocket s : sockets) {
            any |= s.closingForGood();
        }
        long end = System.currentTimeMillis() + HANDSHAKE_SETTLE_MILLIS;
        while (any && System.currentTimeMillis() < end) {
            if (events.poll(Math.max(1, end - System.currentTimeMillis())) instanceof ControlRequest req) {
                req.answer().complete(Map.of("ok", false, "error", "shutting down"));
            }
        }
    }

    private void stopAll(int signal) {
        for (WorkerProcess w : workers) {
            requestStop(w, signal);
        }
    }

    private void requestStop(WorkerProcess w, int signal) {
        w.stopRequestedAtMillis = System.currentTimeMillis();
        Posix.kill(w.pid, signal);
    }

    private void signalAll(int signal) {
        for (WorkerProcess w : workers) {
            Posix.kill(w.pid, signal);
        }
    }

    private void halt(int code, String reason) {
        haltCode = code;
        haltReason = reason;
    }

    private void deleteRunDir() {
        IOException e = FileTrees.deleteQuietly(runDir);
        if (e != null) {
            log.debug("cleanup of {} failed: {}", runDir, e.toString());
        }
    }
}
