package io.jgunicorn.container.deploy;

import io.jgunicorn.container.posix.FileTrees;
import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --deploy-dir}: the arbiter's side of hot deployment. Each scan interval it looks at the
 * directory; a deployable whose fingerprint held still for two scans and differs from what is
 * served is snapshotted and checked by a short worker run (WorkerMain's {@code check} mode); what passes is
 * proposed as the next generation's application list and the arbiter rolls its workers, exactly
 * as on HUP (the old generation serves until the new one is ready, and stays when it fails).
 * Markers, log lines and {@code ctl show deployments} report the outcome.
 *
 * <p>States: idle → checking (a check run is alive) → rolling ({@link #proposed} set, a generation
 * booting) → idle. One change at a time; whatever arrives meanwhile is picked up by later scans.
 */
public final class DeployDirectory {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.deploy");
    private static final long CHECK_TIMEOUT_NANOS = 300_000_000_000L;

    record Deployment(String name, DeployScan.Fingerprint fingerprint, Path snapshot, List<String> contextPaths, Instant at) {}

    private record Failure(DeployScan.Fingerprint fingerprint, String reason, Instant at) {}

    private record Candidate(String name, DeployScan.Fingerprint fingerprint, Path snapshot) {}

    private record Check(long pid, List<Candidate> candidates, Set<String> removals, Path workDir, Path result, long startedNanos) {}

    private final Path dir;
    private final long intervalNanos;
    /** deploy_skip_check: after startup, changes roll straight into new workers. */
    private final boolean skipCheck;
    private boolean started;
    private final Path runDir;
    private final CheckLauncher launcher;
    private final DeployMarkers markers;
    private final DeploySnapshots snapshots;
    private final Map<String, Deployment> serving = new TreeMap<>();
    private final Map<String, Failure> failures = new TreeMap<>();
    private Map<String, DeployScan.Fingerprint> lastScan = Map.of();
    /** The last scan made on the interval: the stability rule compares against it (a woken scan may come sooner). */
    private Map<String, DeployScan.Fingerprint> timedScan = Map.of();
    /** inotify on the directory (and the run directory), or null: then the interval alone drives it. */
    private DeployWatch watch;
    private long nextScanNanos;
    private int checks;
    private Check check;
    /** While rolling: the list the new generation loads, and what it changes. */
    private Map<String, Deployment> proposed;
    private List<Deployment> rollingIn = List.of();
    private Set<String> rollingOut = Set.of();
    private boolean scanErrorLogged;
    /** Rolled in and serving, but an older worker may still be alive: markers wait for {@link #oldWorkersGone}. */
    private final List<Deployment> unconfirmed = new ArrayList<>();

    public DeployDirectory(Path dir, double intervalSeconds, boolean skipCheck, Path runDir, CheckLauncher launcher) {
        this.dir = dir;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.skipCheck = skipCheck;
        this.runDir = runDir;
        this.launcher = launcher;
        this.markers = new DeployMarkers(dir);
        this.snapshots = new DeploySnapshots(runDir.resolve("deploy"));
        this.nextScanNanos = System.nanoTime();
    }

    /**
     * Before the first workers: what is already in the directory and stable across two scans is
     * checked and becomes the first generation's list (the rest is picked up later by {@link #tick}).
     */
    public void start(Config config) throws IOException, InterruptedException {
        log.info("Deploy directory: {} (scanning every {} s{})", dir, intervalNanos / 1e9,
                watch != null ? ", and at once on a change" : "");
        scan();
        timedScan = lastScan;
        markers.removeOrphans(lastScan.keySet()); // left by an earlier run for files since removed
        Thread.sleep(intervalNanos / 1_000_000); // the stability rule: a second look one interval later
        if (tick(config, false)) {
            rolled(true);
        }
        while (check != null) {
            Thread.sleep(50); // waiting for our own check process; it has no other way to tell us
            if (tick(config, false)) {
                rolled(true);
            }
        }
        oldWorkersGone(); // the first generation replaces nobody
        started = true;
    }

    /**
     * Watches the directory (and the arbiter's run directory, where workers write their heartbeat
     * files) with inotify where the system has it: {@code wake} is called from the watching thread
     * when a deployable arrived whole or went away, or a worker wrote its heartbeat file ("ready",
     * "leaving", "stopped"), so the arbiter's loop turns at once instead of at its next turn. Call before {@link #start}.
     */
    public void watchForChanges(Runnable wake) {
        watch = DeployWatch.start(dir, runDir, wake);
    }

    /** How often the arbiter's loop should turn for this directory: at least once a scan interval. */
    public long loopMillis(long otherwise) {
        return Math.max(10, Math.min(otherwise, intervalNanos / 1_000_000));
    }

    /** The deploy_apps value for the next generation of workers. */
    public String manifest() {
        StringBuilder sb = new StringBuilder();
        for (Deployment d : (proposed != null ? proposed : serving).values()) {
            sb.append(DeployScan.contextPath(d.name())).append('\t').append(d.snapshot()).append('\n');
        }
        return sb.toString();
    }

    /**
     * One turn of the arbiter's loop. Returns true when the arbiter should roll in a generation
     * with {@link #manifest()}; it answers with {@link #rolled} once that generation is ready or failed.
     *
     * @param busy true while the arbiter is rolling in a generation for another reason (HUP)
     */
    public boolean tick(Config config, boolean busy) {
        snapshots.collect();
        if (check != null) {
            return pollCheck(config);
        }
        long now = System.nanoTime();
        boolean timed = now - nextScanNanos >= 0;
        boolean woken = watch != null && watch.takeChanged();
        if (!timed && !woken) {
            return false;
        }
        long eventsBefore = watch == null ? 0 : watch.eventCount();
        Map<String, DeployScan.Fingerprint> previous = timedScan;
        if (!scan()) {
            return false;
        }
        if (timed) {
            nextScanNanos = now + intervalNanos;
            timedScan = lastScan;
        }
        if (proposed != null || busy) {
            if (woken) {
                watch.changedAgain(); // what woke us waits for this roll: the first turn after it scans
            }
            return false;
        }
        Set<String> removals = removed();
        List<Candidate> candidates = new ArrayList<>();
        for (var e : lastScan.entrySet()) {
            String name = e.getKey();
            DeployScan.Fingerprint fp = e.getValue();
            // two scans an interval apart agree, or the file arrived whole (moved in, or closed by
            // its writer) and nothing touched it since, before this scan looked at it
            boolean stable = timed && fp.equals(previous.get(name)) || arrivedWhole(name, eventsBefore);
            boolean known = serving.containsKey(name) && serving.get(name).fingerprint().equals(fp)
                    || failures.containsKey(name) && failures.get(name).fingerprint().equals(fp);
            if (stable && !known) {
                Candidate c = snapshot(name, fp);
                if (c != null) {
                    candidates.add(c);
                }
            }
        }
        if (candidates.isEmpty()) {
            return propose(List.of(), removals);
        }
        if (started && skipCheck && candidates.stream().noneMatch(c -> DeployScan.isIni(c.name()))) {
            return proposeUnchecked(candidates, removals);
        }
        startCheck(config, candidates, removals);
        return false;
    }

    private boolean arrivedWhole(String name, long eventsBefore) {
        long stamp = watch == null ? 0 : watch.stamp(name);
        return stamp > 0 && stamp <= eventsBefore;
    }

    /**
     * deploy_skip_check: the candidates go to the next generation as they are, each at the context
     * path its name gives (an .ini, which may mount several, is always checked). A clash with what
     * keeps serving is still refused here; a load failure shows when that generation fails to start.
     */
    private boolean proposeUnchecked(List<Candidate> candidates, Set<String> removals) {
        Map<String, String> taken = takenPaths(candidates, removals);
        List<Deployment> accepted = new ArrayList<>();
        for (Candidate c : candidates) {
            log.info("Deploying {} (deploy_skip_check: no check run)", c.name());
            List<String> paths = List.of(DeployScan.contextPath(c.name()));
            String clash = clash(paths, c.name(), taken);
            if (clash != null) {
                fail(c, clash);
                continue;
            }
            paths.forEach(p -> taken.put(p, c.name()));
            accepted.add(new Deployment(c.name(), c.fingerprint(), c.snapshot(), paths, Instant.now()));
        }
        return propose(accepted, removals);
    }

    private boolean scan() {
        try {
            lastScan = DeployScan.scan(dir);
            scanErrorLogged = false;
            return true;
        } catch (IOException e) {
            if (!scanErrorLogged) {
                log.error("Cannot scan the deploy directory {}: {}", dir, e.toString());
                scanErrorLogged = true;
            }
            return false;
        }
    }

    /** Served names whose file is gone; markers of vanished files are removed at once. */
    private Set<String> removed() {
        Set<String> gone = new TreeSet<>();
        for (String name : new ArrayList<>(failures.keySet())) {
            if (!lastScan.containsKey(name)) {
                failures.remove(name);
                markers.remove(name);
            }
        }
        for (String name : serving.keySet()) {
            if (!lastScan.containsKey(name)) {
                gone.add(name);
                markers.remove(name);
                log.info("Undeploying {} ({}): it was removed", name, shown(serving.get(name).contextPaths()));
            }
        }
        return gone;
    }

    private Candidate snapshot(String name, DeployScan.Fingerprint fp) {
        Path source = dir.resolve(name);
        if (DeployScan.isIni(name)) {
            return new Candidate(name, fp, source); // read in place: its war: and config: paths are relative to it
        }
        try {
            Path copy = snapshots.take(source, fp);
            return copy == null ? null : new Candidate(name, fp, copy);
        } catch (IOException e) {
            log.warn("Cannot copy {} for deployment (trying again at the next scan): {}", source, e.toString());
            return null;
        }
    }

    private void startCheck(Config config, List<Candidate> candidates, Set<String> removals) {
        StringBuilder apps = new StringBuilder();
        for (Candidate c : candidates) {
            log.info("Deploying {}", c.name());
            apps.append(DeployScan.contextPath(c.name())).append('\t').append(c.snapshot()).append('\n');
        }
        Path workDir = runDir.resolve("check-" + (++checks));
        Path result = runDir.resolve("check-" + checks + ".result");
        try {
            long pid = launcher.spawnCheck(config.with(Map.of("deploy_apps", apps.toString())), workDir, result);
            check = new Check(pid, candidates, removals, workDir, result, System.nanoTime());
        } catch (IOException e) {
            log.error("Cannot check the new deployments (trying again at the next scan): {}", e.getMessage());
            candidates.forEach(c -> snapshots.discard(c.snapshot(), 0));
            lastScan = Map.of(); // so the candidates count as new and stable again only after two scans
            timedScan = Map.of();
        }
    }

    private boolean pollCheck(Config config) {
        Posix.ExitStatus st = Posix.reap(check.pid());
        if (st == null) {
            if (System.nanoTime() - check.startedNanos() > CHECK_TIMEOUT_NANOS) {
                Posix.kill(check.pid(), Posix.SIGKILL);
            }
            return false;
        }
        Check done = check;
        check = null;
        Properties verdicts = readVerdicts(done.result());
        List<Deployment> accepted = new ArrayList<>();
        Map<String, String> taken = takenPaths(done.candidates(), done.removals());
        for (int i = 0; i < done.candidates().size(); i++) {
            Candidate c = done.candidates().get(i);
            String ok = verdicts.getProperty(WorkerContract.checkOkKey(i));
            String reason = verdicts.getProperty(WorkerContract.checkFailedKey(i));
            if (ok == null && reason == null) {
                reason = "the check run ended (" + st + ") before deciding; see the error log";
            }
            List<String> paths = ok == null ? List.of() : parsePaths(ok, c.name());
            String clash = reason != null ? null : clash(paths, c.name(), taken);
            if (reason != null || clash != null) {
                fail(c, reason != null ? reason : clash);
                continue;
            }
            paths.forEach(p -> taken.put(p, c.name()));
            accepted.add(new Deployment(c.name(), c.fingerprint(), c.snapshot(), paths, Instant.now()));
        }
        cleanup(done);
        return propose(accepted, done.removals());
    }

    /** Context paths held by what keeps serving: everything but removals and the names being replaced. */
    private Map<String, String> takenPaths(List<Candidate> candidates, Set<String> removals) {
        Set<String> replaced = new TreeSet<>(removals);
        candidates.forEach(c -> replaced.add(c.name()));
        Map<String, String> taken = new TreeMap<>();
        serving.values().stream().filter(d -> !replaced.contains(d.name()))
                .forEach(d -> d.contextPaths().forEach(p -> taken.put(p, d.name())));
        return taken;
    }

    private static String clash(List<String> paths, String name, Map<String, String> taken) {
        for (String p : paths) {
            if (taken.containsKey(p)) {
                return "context path " + DeployScan.show(p) + " is already served by " + taken.get(p);
            }
        }
        return null;
    }

    private static List<String> parsePaths(String ok, String name) {
        List<String> out = new ArrayList<>();
        for (String p : ok.trim().split("\\s+")) {
            if (!p.isEmpty()) {
                out.add(p.equals("/") ? "" : p);
            }
        }
        return out.isEmpty() ? List.of(DeployScan.contextPath(name)) : out;
    }

    private void fail(Candidate c, String why) {
        // the loader names the snapshot it read; the user knows their own file
        String reason = why.replace(c.snapshot().toString(), dir.resolve(c.name()).toString());
        Deployment old = serving.get(c.name());
        String full = old == null ? reason
                : reason + "\nThe previous version keeps serving at " + shown(old.contextPaths()) + ".";
        log.error("Deployment of {} failed: {}", c.name(), full);
        failures.put(c.name(), new Failure(c.fingerprint(), reason, Instant.now()));
        markers.failed(c.name(), full, Instant.now());
        snapshots.discard(c.snapshot(), 0); // an .ini is read in place: discard() leaves what is not a snapshot
    }

    private boolean propose(List<Deployment> in, Set<String> out) {
        if (in.isEmpty() && out.isEmpty()) {
            return false;
        }
        Map<String, Deployment> next = new TreeMap<>(serving);
        out.forEach(next::remove);
        in.forEach(d -> next.put(d.name(), d));
        proposed = next;
        rollingIn = List.copyOf(in);
        rollingOut = Set.copyOf(out);
        return true;
    }

    /**
     * The generation rolled in for {@link #proposed} is ready ({@code ok}) or failed to boot; in the
     * second case the previous generation keeps serving and the new versions are marked failed.
     *
     * @param oldSnapshotGraceMillis how long retiring workers may still use a replaced snapshot
     * @param failure                 when not ok: the new workers' own error, or null when they gave none
     */
    public void rolled(boolean ok, long oldSnapshotGraceMillis, String failure) {
        if (proposed == null) {
            return;
        }
        if (ok) {
            for (Deployment d : serving.values()) {
                if (proposed.get(d.name()) != d) {
                    snapshots.discard(d.snapshot(), oldSnapshotGraceMillis);
                }
            }
            serving.clear();
            serving.putAll(proposed);
            for (Deployment d : rollingIn) {
                failures.remove(d.name());
            }
            unconfirmed.addAll(rollingIn);
            rollingOut.forEach(n -> log.info("Undeployed {}", n));
        } else {
            for (Deployment d : rollingIn) {
                fail(new Candidate(d.name(), d.fingerprint(), d.snapshot()), failure != null
                        ? "the new workers failed to start with it: " + failure
                        : "the new workers failed to start with it (their error is in the log)");
            }
        }
        proposed = null;
        rollingIn = List.of();
        rollingOut = Set.of();
    }

    public void rolled(boolean ok) {
        rolled(ok, 0, null);
    }

    /** True while versions rolled in wait for {@link #oldWorkersGone} before their markers are written. */
    public boolean awaitingOldWorkers() {
        return !unconfirmed.isEmpty();
    }

    /**
     * Every worker of the generations before the one last rolled in has exited: no process that
     * lacks the new versions can accept a connection any more, so only now do their
     * {@code .deployed} markers appear (a tool that waits for the marker, as the Arquillian
     * adapter does, needs no wait of its own). A version replaced or removed meanwhile gets none.
     */
    public void oldWorkersGone() {
        for (Deployment d : unconfirmed) {
            if (serving.get(d.name()) == d) {
                markers.deployed(d.name(), d.contextPaths(), d.at());
                log.info("Deployed {} at {}", d.name(), shown(d.contextPaths()));
            }
        }
        unconfirmed.clear();
    }

    private static Properties readVerdicts(Path result) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            p.load(in);
        } catch (IOException e) {
            // no verdicts: every candidate is reported as undecided
        }
        return p;
    }

    private void cleanup(Check done) {
        try {
            FileTrees.delete(done.workDir());
            Files.deleteIfExists(done.result());
            Files.deleteIfExists(done.workDir().resolveSibling(done.workDir().getFileName() + ".properties"));
        } catch (IOException e) {
            log.debug("cleanup of {} failed: {}", done.workDir(), e.toString());
        }
    }

    /** The arbiter is exiting: a check still running is of no use any more. */
    public void close() {
        if (check != null) {
            Posix.kill(check.pid(), Posix.SIGKILL);
            Posix.reap(check.pid());
            check = null;
        }
    }

    /** For {@code ctl show deployments}: every deployable the directory holds or the workers serve. */
    public List<Map<String, Object>> view() {
        Set<String> names = new TreeSet<>(lastScan.keySet());
        names.addAll(serving.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            Deployment d = serving.get(name);
            Failure f = failures.get(name);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("state", state(name, d, f));
            m.put("context_paths", d == null ? List.of() : d.contextPaths().stream().map(DeployScan::show).toList());
            m.put("since", d != null ? d.at().toString() : f != null ? f.at().toString() : null);
            m.put("serving", d != null);
            if (f != null) {
                m.put("reason", f.reason());
            }
            out.add(m);
        }
        return out;
    }

    private String state(String name, Deployment d, Failure f) {
        if (check != null && check.candidates().stream().anyMatch(c -> c.name().equals(name))) {
            return "checking";
        }
        if (proposed != null && (rollingOut.contains(name) || rollingIn.stream().anyMatch(x -> x.name().equals(name)))) {
            return rollingOut.contains(name) ? "undeploying" : "deploying";
        }
        if (!lastScan.containsKey(name)) {
            return "undeploying";
        }
        if (f != null && f.fingerprint().equals(lastScan.get(name))) {
            return "failed";
        }
        if (d != null && d.fingerprint().equals(lastScan.get(name))) {
            return "deployed";
        }
        return "waiting";
    }

    private static String shown(List<String> paths) {
        return String.join(" ", paths.stream().map(DeployScan::show).toList());
    }
}
