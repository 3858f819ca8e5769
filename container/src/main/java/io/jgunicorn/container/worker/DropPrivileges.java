package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import io.jgunicorn.config.Validators;
import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code umask}, {@code user}, {@code group}, {@code initgroups} for this worker, applied before the
 * app loads (as Gunicorn's worker does in init_process). What the worker must still write after
 * the switch is given to the new user first, as Gunicorn chowns its worker temp file and logs:
 * the heartbeat file, the private work directory and file logs. The arbiter's run directory is
 * made traversable so the worker can reach its heartbeat file.
 */
final class DropPrivileges {

    private DropPrivileges() {}

    static void apply(Config config, Path heartbeat, Path workDir) throws IOException {
        int umask = Validators.parseUmask(config.string("umask"));
        if (umask != 0) {
            Privileges.umask(umask);
        }
        String user = config.string("user");
        String group = config.string("group");
        if (user == null && group == null) {
            return;
        }
        Privileges.Target t = Privileges.resolve(user, group);
        if (Privileges.geteuid() != 0) {
            if (t.uid() >= 0 && t.uid() != Privileges.geteuid()) {
                throw new PosixException("setuid", 1, "only root can run workers as user '" + user + "'");
            }
            return;
        }
        Path runDir = heartbeat.getParent();
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(runDir));
        perms.addAll(List.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(runDir, perms);
        for (Path p : owned(config, heartbeat, workDir)) {
            if (Files.exists(p)) {
                Privileges.chown(p, t);
            }
        }
        Privileges.become(t, config.bool("initgroups"));
    }

    private static List<Path> owned(Config config, Path heartbeat, Path workDir) throws IOException {
        List<Path> out = new ArrayList<>(List.of(heartbeat));
        try (var walk = Files.walk(workDir)) {
            walk.forEach(out::add);
        }
        for (String log : new String[] {config.string("errorlog"), config.string("accesslog")}) {
            if (log != null && !log.equals("-")) {
                out.add(Path.of(log));
            }
        }
        return out;
    }
}
