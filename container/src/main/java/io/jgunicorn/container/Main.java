package io.jgunicorn.container;

import io.jgunicorn.config.CommandLineParser;
import io.jgunicorn.config.Config;
import io.jgunicorn.config.ConfigException;
import io.jgunicorn.config.ConfigLoader;
import io.jgunicorn.config.UsageException;
import io.jgunicorn.container.arbiter.Arbiter;
import io.jgunicorn.container.arbiter.BoundSocket;
import io.jgunicorn.container.arbiter.PidFile;
import io.jgunicorn.container.hooks.Hooks;
import io.jgunicorn.container.hooks.Server;
import io.jgunicorn.container.logging.Logs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jgunicorn} command: resolves the configuration, binds the sockets and runs the arbiter.
 * Exit codes: 0 done, 1 runtime or --check-config failure, 2 usage error, 3/4 worker boot/app load
 * failure at first start.
 */
public final class Main {

    static final String PROG = "jgunicorn";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath()));
    }

    static int run(String[] args, Map<String, String> env, Path cwd) {
        if (args.length > 0 && args[0].equals("ctl")) {
            return Ctl.run(Arrays.asList(args).subList(1, args.length), cwd, System.out, System.err);
        }
        if (args.length > 0 && args[0].equals("hash-password")) {
            return HashPassword.run(Arrays.asList(args).subList(1, args.length), System.console(), System.in,
                    System.out, System.err);
        }
        boolean checkOnly = Arrays.asList(args).contains("--check-config");
        ConfigLoader.Result result;
        try {
            result = SourceSettings.load(args, env, cwd);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (ConfigException e) {
            System.err.println(PROG + ": error: " + e.getMessage());
            return checkOnly ? 1 : 2;
        }
        result.warnings().forEach(w -> System.err.println(PROG + ": warning: " + w));
        switch (result.action()) {
            case HELP -> {
                System.out.print(CommandLineParser.usage());
                return 0;
            }
            case VERSION -> {
                System.out.println(PROG + " (version " + CommandLineParser.version() + ")");
                return 0;
            }
            default -> { }
        }
        Config config;
        Path base;
        try {
            base = AppSources.baseDir(result.config(), cwd);
            config = AppSources.resolve(result.config(), base);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (config.bool("print_config")) {
            System.out.print(config.toToml());
            return 0;
        }
        String problem = Preflight.check(config);
        if (problem == null && config.bool("check_config")) {
            problem = Preflight.loadApp(config);
        }
        if (problem != null) {
            System.err.println(PROG + ": error: " + problem);
            return 1;
        }
        if (config.bool("check_config")) {
            return 0;
        }
        if (config.bool("daemon") && !"1".equals(env.get(DAEMONIZED_ENV))) {
            return daemonize();
        }
        config = SystemdSockets.apply(config, env);
        Map<String, String> envCopy = Map.copyOf(env);
        return serve(config, Upgrade.oldArbiter(env), () -> SystemdSockets.apply(
                AppSources.resolve(SourceSettings.load(args, envCopy, cwd).config(), base), envCopy));
    }

    private static int usageError(String message) {
        System.err.println(PROG + ": error: " + message + " (see '" + PROG + " --help')");
        return 2;
    }

    static final String DAEMONIZED_ENV = "JGUNICORN_DAEMONIZED";

    /**
     * {@code -D}: the JVM cannot fork, so it starts itself again in a new session with stdio on
     * /dev/null, and returns at once (the shell gets its prompt back, as with Gunicorn).
     */
    private static int daemonize() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> argv = new ArrayList<>();
        argv.add(info.command().orElseThrow());
        argv.addAll(List.of(info.arguments().orElse(new String[0])));
        Map<String, String> env = new java.util.LinkedHashMap<>(System.getenv());
        env.put(DAEMONIZED_ENV, "1");
        try {
            io.jgunicorn.container.posix.Spawner.spawn(argv, env,
                    new io.jgunicorn.container.posix.Spawner.Options(List.of(), 0, null, true, true));
            return 0;
        } catch (IOException e) {
            System.err.println(PROG + ": error: cannot daemonize: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(Config config, long oldArbiter, java.util.function.Supplier<Config> reload) {
        try {
            Logs.configure(config.string("errorlog"), config.string("loglevel"), config.string("accesslog"),
                    config.string("logconfig"));
        } catch (RuntimeException e) {
            System.err.println(PROG + ": error: setting 'logconfig': " + e.getMessage());
            return 1;
        }
        Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");
        long pid = ProcessHandle.current().pid();
        ProcessName.set(config.string("proc_name"));
        log.info("Starting {} {}", PROG, CommandLineParser.version());
        PidFile pidFile = null;
        List<BoundSocket> sockets = new ArrayList<>();
        Hooks hooks;
        try {
            hooks = Hooks.load(config.string("server_hooks"), config.list("classpath"));
            hooks.hooks().onStarting(new Server(pid, config.asText(), config.integer("workers")));
        } catch (Exception e) {
            log.error("Cannot start: {}", e.getMessage());
            return 1;
        }
        try {
            Path pidPath = config.string("pidfile") == null ? null : Path.of(config.string("pidfile")).toAbsolutePath();
            if (pidPath != null) {
                // after USR2 the new arbiter writes <pidfile>.2 until the old one exits
                pidFile = PidFile.create(oldArbiter != 0 ? Path.of(pidPath + ".2") : pidPath);
            }
            List<String> binds = config.list("bind");
            for (int i = 0; i < binds.size(); i++) {
                BoundSocket s = BoundSocket.bind(binds.get(i), config.integer("backlog"));
                if (oldArbiter != 0 && Upgrade.ours(System.getenv(), i)) {
                    s = s.handedOn();
                }
                sockets.add(s);
                // as Gunicorn, the scheme says whether the socket serves TLS
                String url = config.string("certfile") != null ? s.url().replaceFirst("^http:", "https:") : s.url();
                log.info("Listening at: {} ({})", url, pid);
            }
            Path base = config.string("worker_tmp_dir") != null ? Path.of(config.string("worker_tmp_dir"))
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path runDir = Files.createTempDirectory(Files.createDirectories(base), PROG + "-" + pid + "-");
            Arbiter arbiter = new Arbiter(config, sockets, reload, runDir, hooks);
            if (oldArbiter != 0) {
                arbiter.upgradedFrom(oldArbiter, pidFile, pidPath);
            }
            return arbiter.run();
        } catch (IOException e) {
            log.error("{}", e.getMessage());
            sockets.forEach(BoundSocket::close);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (pidFile != null) {
                pidFile.delete();
            }
        }
    }
}
