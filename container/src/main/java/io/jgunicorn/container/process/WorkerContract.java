package io.jgunicorn.container.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract between the arbiter and the worker JVMs it spawns, in one place: how a worker is
 * started (its main class and arguments), what its exit code means, and the files through which
 * the two speak while it runs. The arbiter side ({@code arbiter.WorkerLauncher},
 * {@code arbiter.WorkerProcess}, {@code deploy.DeployDirectory}) and the worker side
 * ({@code worker.WorkerMain}, {@code worker.Heartbeat}, {@code worker.DeployCheck}) use only these
 * names, so a change to the convention is one change here.
 *
 * <h2>Arguments</h2>
 * {@code java ... WORKER_MAIN SETTINGS HEARTBEAT AGE WORKDIR [MODE [RESULT]]}:
 * <ul>
 *   <li>{@code SETTINGS}: a properties file of every setting ({@code config.Config#asText}); the
 *       worker parses it with {@code Config.fromText}, so defaults come only from {@code Settings}.</li>
 *   <li>{@code HEARTBEAT}: the heartbeat file (below).</li>
 *   <li>{@code AGE}: spawn order, 1, 2, ... (0 for the training and check runs).</li>
 *   <li>{@code WORKDIR}: the worker's private directory (unpacked WARs, temp files), deleted when
 *       it is reaped.</li>
 *   <li>{@code MODE}: absent for a serving worker; {@code train} for the {@code --preload} AOT
 *       training run; {@code check} for a deploy directory's check run, which writes its verdicts
 *       to {@code RESULT}.</li>
 * </ul>
 * The listening sockets are on fd 0, 3, 4, ... in {@code bind} order (the worker takes them with
 * {@code worker.InheritedListeners}); the check and training runs get none.
 *
 * <h2>The heartbeat file</h2>
 * Empty while the worker boots; {@link #READY} once its application is loaded and it accepts
 * connections; {@link #LEAVING} (written over "ready" in one write, so the file is never seen
 * empty again) once it stops accepting on its own (max requests, memory); {@link #STOPPED} (in one
 * write too) once it has closed its listeners and every connection, before it closes its
 * application and exits. While alive the worker
 * touches its mtime at least every {@code timeout / 2} seconds; the arbiter kills a worker whose
 * file is older than {@code timeout}. An application that fails to load leaves its reason in
 * {@link #failureFile} beside it.
 *
 * <h2>Exit codes</h2>
 * {@link #EXIT_OK}; {@link #WORKER_BOOT_ERROR} (the worker could not boot: settings, logging,
 * privileges, hooks, sockets; after it was ready, 3 is also the JVM's
 * {@code -XX:+ExitOnOutOfMemoryError}); {@link #APP_LOAD_ERROR} (the application failed to load).
 * A boot or load error before any worker served halts the arbiter with the same code.
 *
 * <h2>The check result</h2>
 * A properties file with, for the i-th application of {@code deploy_apps}, either
 * {@link #checkOkKey checkOkKey(i)} = its context paths (space separated) or
 * {@link #checkFailedKey checkFailedKey(i)} = the reason it cannot load.
 */
public final class WorkerContract {

    /** The worker JVM's main class. */
    public static final String WORKER_MAIN = "io.jgunicorn.container.worker.WorkerMain";

    public static final int EXIT_OK = 0;
    /** The worker could not boot (or, once ready, ran out of memory). */
    public static final int WORKER_BOOT_ERROR = 3;
    /** The application failed to load. */
    public static final int APP_LOAD_ERROR = 4;

    /** Heartbeat content once the application is loaded and the worker serves. */
    public static final String READY = "ready\n";
    /** Heartbeat content once the worker accepts no more connections and is finishing. */
    public static final String LEAVING = "leaving\n";
    /**
     * Heartbeat content once the worker serves nothing more: its listeners and every connection are
     * closed; it may still be closing its application before it exits.
     */
    public static final String STOPPED = "stopped\n";

    /** {@code MODE} of the {@code --preload} training run. */
    public static final String TRAIN = "train";
    /** {@code MODE} of a deploy directory's check run. */
    public static final String CHECK = "check";
    /**
     * {@code MODE} of a spare worker ({@code deploy_spare_workers}): its JVM starts before it is
     * needed and waits, without loading any application, until the arbiter moves its settings file
     * into place (SETTINGS does not exist at spawn); from then on it boots as a serving worker.
     */
    public static final String SPARE = "spare";

    private WorkerContract() {}

    /** The arguments after {@link #WORKER_MAIN}; {@code mode} and {@code result} may be null. */
    public static List<String> arguments(Path settings, Path heartbeat, int age, Path workDir, String mode, Path result) {
        List<String> args = new ArrayList<>(List.of(settings.toString(), heartbeat.toString(),
                String.valueOf(age), workDir.toString()));
        if (mode != null) {
            args.add(mode);
        }
        if (result != null) {
            args.add(result.toString());
        }
        return args;
    }

    /**
     * The worker's arguments, parsed.
     *
     * @param mode   null for a serving worker, else {@link #TRAIN}, {@link #CHECK} or {@link #SPARE}
     * @param result the check run's result file, else null
     */
    public record Args(Path settings, Path heartbeat, int age, Path workDir, String mode, Path result) {

        /** Parses {@code main}'s arguments; a clear error when they are not the arbiter's. */
        public static Args parse(String[] args) {
            if (args.length < 4 || args.length > 6) {
                throw new IllegalArgumentException("expected SETTINGS HEARTBEAT AGE WORKDIR [train|spare|check RESULT], got "
                        + args.length + " arguments (a worker is started by the arbiter, not by hand)");
            }
            int age;
            try {
                age = Integer.parseInt(args[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("AGE must be a number, not '" + args[2] + "'");
            }
            String mode = args.length > 4 ? args[4] : null;
            if (mode != null && !mode.equals(TRAIN) && !mode.equals(CHECK) && !mode.equals(SPARE)) {
                throw new IllegalArgumentException("MODE must be train, check or spare, not '" + mode + "'");
            }
            if (CHECK.equals(mode) != (args.length == 6)) {
                throw new IllegalArgumentException("check takes a RESULT file, and only check does");
            }
            return new Args(Path.of(args[0]), Path.of(args[1]), age, Path.of(args[3]), mode,
                    args.length == 6 ? Path.of(args[5]) : null);
        }
    }

    /** Where a worker whose application failed to load writes the reason: {@code HEARTBEAT.failed}. */
    public static Path failureFile(Path heartbeat) {
        return heartbeat.resolveSibling(heartbeat.getFileName() + ".failed");
    }

    /** The check result's key for the context paths of the {@code i}-th application that loaded. */
    public static String checkOkKey(int i) {
        return i + ".ok";
    }

    /** The check result's key for the reason the {@code i}-th application failed to load. */
    public static String checkFailedKey(int i) {
        return i + ".failed";
    }
}
