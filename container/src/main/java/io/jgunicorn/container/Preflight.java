package io.jgunicorn.container;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.Privileges;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.tls.ServerTls;
import io.jgunicorn.container.tls.TlsConfigException;
import io.jgunicorn.container.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the arbiter checks before any worker starts, so a wrong file is one clear startup error
 * instead of workers failing to boot: TLS files, the Logback file, the reload files; and for
 * {@code --check-config}, loading the app once, as Gunicorn's check_config imports the app.
 */
final class Preflight {

    private Preflight() {}

    /** Null when all is well, else a message naming the setting (and file) and the problem. */
    static String check(Config config) {
        try {
            ServerTls.from(config);
        } catch (TlsConfigException e) {
            return e.getMessage();
        }
        String logconfig = config.string("logconfig");
        if (logconfig != null && !Files.isReadable(Path.of(logconfig))) {
            return "setting 'logconfig': " + logconfig + ": no such readable file";
        }
        for (String f : config.list("reload_extra_files")) {
            if (!Files.exists(Path.of(f))) {
                return "setting 'reload_extra_files': " + f + ": no such file";
            }
        }
        return checkUser(config.string("user"), config.string("group"));
    }

    /** Unknown names, or a switch only root may make, are startup errors rather than worker boot failures. */
    private static String checkUser(String user, String group) {
        if (user == null && group == null) {
            return null;
        }
        try {
            Privileges.Target t = Privileges.resolve(user, group);
            int euid = Privileges.geteuid();
            if (euid != 0 && t.uid() >= 0 && t.uid() != euid) {
                return "setting 'user': only root can run workers as '" + user + "' (running as uid " + euid + ")";
            }
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** {@code --check-config}: loads the application in this process and closes it again. */
    static String loadApp(Config config) {
        Path work = null;
        io.jgunicorn.container.logging.Logs.configure(config.string("errorlog"), config.string("loglevel"));
        try {
            work = Files.createTempDirectory("jgunicorn-check-");
            WorkerMain.loadOnce(config, work);
            return null;
        } catch (AppLoadException e) {
            return "the application failed to load: " + e.getMessage();
        } catch (IOException | RuntimeException | LinkageError e) {
            return "the application failed to load: " + e;
        } finally {
            io.jgunicorn.container.posix.FileTrees.deleteQuietly(work); // a leftover temp directory is harmless
        }
    }
}
