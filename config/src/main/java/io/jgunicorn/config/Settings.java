package io.jgunicorn.config;

import static io.jgunicorn.config.SettingType.BOOL;
import static io.jgunicorn.config.SettingType.INT;
import static io.jgunicorn.config.SettingType.LIST;
import static io.jgunicorn.config.SettingType.LONG;
import static io.jgunicorn.config.SettingType.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings table: every setting jgunicorn knows, declared once, under Gunicorn's names.
 * Order here is the order of the documentation.
 */
public final class Settings {

    public static final String APP_SOURCES = "app, war, paste, deploy_dir";

    private static final List<Setting> ALL = new ArrayList<>();

    static {
        String s = "Config File";
        add("config", s, STRING, "./jgunicorn.conf.toml", null,
                "The TOML config file to read. Keys are setting names (`bind`, `workers`, ...).", "-c", "--config");
        add("check_config", s, BOOL, "false", null,
                "Check the configuration and exit (exit status 1 with a message on error).", "--check-config");
        add("print_config", s, BOOL, "false", null,
                "Print every resolved setting as `name = value` (TOML) and exit.", "--print-config");

        s = "Application";
        add("app", s, STRING, null, null,
                "The application: a WAR file, an exploded WAR directory, an .ini descriptor or a class name "
                        + "(Gunicorn's APP_MODULE). Given as the positional argument.");
        add("war", s, STRING, null, null, "A WAR file or exploded WAR directory to serve.", "--war");
        add("paste", s, STRING, null, null,
                "An INI app descriptor (Paste Deploy style), optionally `FILE.ini#name`.", "--paste", "--paster");
        add("deploy_dir", s, STRING, null, null,
                "A directory watched for WARs, exploded WARs and .ini descriptors: drop them in to deploy.",
                "--deploy-dir");
        add("context_path", s, STRING, "/", Validators::contextPath,
                "Where a single app is mounted (default: the root).", "--context-path");
        add("paste_global", s, LIST, "", null,
                "A global value for the INI descriptor (`key=value`), as Paste's --paste-global. Repeatable.",
                "--paste-global");
        add("war_max_unpacked_bytes", s, LONG, "4294967296", null,
                "The most bytes a WAR may unpack to (zip bomb guard).", "--war-max-unpacked-bytes");
        add("war_max_entries", s, INT, "100000", Validators.atLeast(1),
                "The most entries a WAR may hold.", "--war-max-entries");
        add("war_max_ratio", s, INT, "200", Validators.atLeast(1),
                "The highest compression ratio a WAR entry may have (zip bomb guard).", "--war-max-ratio");
        add("realm_file", s, STRING, null, null,
                "The file realm for BASIC and FORM login: `name = pbkdf2-hash, role, role` lines; make a "
                        + "hash with `jgunicorn hash-password`.", "--realm-file");
        add("classpath", s, LIST, "", null,
                "Extra class path entries for class-name apps (comma- or path-separator-separated).",
                "--classpath");

        s = "Server Socket";
        add("bind", s, LIST, "127.0.0.1:8000", Validators::binds,
                "The socket to bind: `HOST:PORT`, `[IPV6]:PORT`, `unix:PATH` or `fd://N`. Repeatable. "
                        + "Port 0 binds a free port.", "-b", "--bind");
        add("backlog", s, INT, "2048", Validators.atLeast(1),
                "The maximum number of pending connections.", "--backlog");

        s = "Worker Processes";
        add("workers", s, INT, "1", Validators.atLeast(1),
                "The number of worker processes (env WEB_CONCURRENCY sets the default).", "-w", "--workers");
        add("worker_class", s, STRING, "sync", Validators::workerClass,
                "The worker class: sync, gthread, virtual (gevent, eventlet), async (tornado, asgi).",
                "-k", "--worker-class");
        add("threads", s, INT, "1", Validators.atLeast(1),
                "Threads per worker for gthread; `-k sync` with more than one thread becomes gthread.",
                "--threads");
        add("worker_connections", s, INT, "1000", Validators.atLeast(1),
                "The maximum number of simultaneous connections per worker (gthread, virtual, async).",
                "--worker-connections");
        add("max_requests", s, INT, "0", Validators.atLeast(0),
                "Restart a worker after this many requests (0 disables).", "--max-requests");
        add("max_requests_jitter", s, INT, "0", Validators.atLeast(0),
                "Add a random 0..N to max_requests per worker, so workers do not restart together.",
                "--max-requests-jitter");
        add("timeout", s, INT, "30", Validators.atLeast(0),
                "Workers silent for more than this many seconds are killed and restarted (0 disables).",
                "-t", "--timeout");
        add("graceful_timeout", s, INT, "30", Validators.atLeast(0),
                "Seconds a worker gets to finish in-flight requests after a graceful stop.",
                "--graceful-timeout");
        add("keepalive", s, INT, "2", Validators.atLeast(0),
                "Seconds to wait for the next request on a keep-alive connection.", "--keep-alive");
        add("worker_jvm_opts", s, STRING, "", null,
                "Extra JVM options for worker processes (heap, GC, -D...), split on spaces.",
                "--worker-jvm-opts");

        add("max_worker_memory", s, INT, "0", Validators.atLeast(0),
                "Recycle a worker whose resident memory (RSS) passes this many MB, after its current "
                        + "request (0 disables).", "--max-worker-memory");
        add("heap_dump_dir", s, STRING, null, null,
                "Write a heap dump here when a worker runs out of memory (it then exits and is replaced).",
                "--heap-dump-dir");

        s = "Security";
        add("limit_request_line", s, INT, "4094", Validators.atLeast(0),
                "The maximum size of the HTTP request line in bytes (0 = unlimited).", "--limit-request-line");
        add("limit_request_fields", s, INT, "100", Validators.between(0, 32768),
                "The maximum number of header fields in a request.", "--limit-request-fields");
        add("limit_request_field_size", s, INT, "8190", Validators.atLeast(0),
                "The maximum size of one request header field (0 means the default, 8190).",
                "--limit-request-field_size", "--limit-request-field-size");
        add("limit_request_body", s, INT, "0", Validators.atLeast(0),
                "The maximum request body size in bytes; larger gets 413 (0 = unlimited).",
                "--limit-request-body");

        s = "Server Mechanics";
        add("chdir", s, STRING, null, null, "Change to this directory before loading apps.", "--chdir");
        add("daemon", s, BOOL, "false", null, "Detach from the terminal and run in the background.",
                "-D", "--daemon");
        add("raw_env", s, LIST, "", null, "Set environment variables for workers: `KEY=VALUE`. Repeatable.",
                "-e", "--env");
        add("pidfile", s, STRING, null, null, "A file to write the arbiter's PID to.", "-p", "--pid");
        add("worker_tmp_dir", s, STRING, null, null,
                "Directory for the workers' heartbeat files (default: the system temp dir).",
                "--worker-tmp-dir");
        add("preload_app", s, BOOL, "false", null,
                "Build a shared JVM class-data (AOT) cache once and map it into every worker.", "--preload");
        add("proc_name", s, STRING, null, null, "A name for the arbiter in logs and ps.", "-n", "--name");
        add("forwarded_allow_ips", s, LIST, "127.0.0.1,::1", null,
                "Front-end IPs trusted to set secure_scheme_headers and forwarded headers (`*` = all).",
                "--forwarded-allow-ips");
        add("secure_scheme_headers", s, STRING,
                "X-FORWARDED-PROTOCOL=ssl,X-FORWARDED-PROTO=https,X-FORWARDED-SSL=on", null,
                "Headers (from trusted front ends) that mean the request was HTTPS: `HEADER=value,...`.");
        addOpt("proxy_protocol", s, STRING, "off", Validators.oneOf("off", "v1", "v2", "auto"),
                "Accept PROXY protocol headers: off, v1, v2 or auto (the bare flag means auto).",
                "auto", "--proxy-protocol");
        add("forwarded_headers", s, BOOL, "false", null,
                "Trust RFC 7239 Forwarded and X-Forwarded-For/-Proto/-Host from forwarded_allow_ips peers "
                        + "for the client address, scheme and host the application sees (Tomcat's "
                        + "RemoteIpValve).", "--forwarded-headers");
        add("max_drain_bytes", s, INT, "1048576", Validators.atLeast(0),
                "How much of an unread request body a worker reads and discards to keep the connection; "
                        + "past it the connection is closed.", "--max-drain-bytes");
        add("proxy_allow_ips", s, LIST, "127.0.0.1,::1", null,
                "Front-end IPs allowed to send PROXY protocol headers (`*` = all).", "--proxy-allow-from");
        add("permit_obsolete_folding", s, BOOL, "false", null,
                "Accept obsolete folded (multi-line) header values.", "--permit-obsolete-folding");
        add("permit_unconventional_http_method", s, BOOL, "false", null,
                "Accept methods that are not upper-case tokens of 3 to 20 characters.",
                "--permit-unconventional-http-method");
        add("casefold_http_method", s, BOOL, "false", null, "Upper-case lower-case request methods.",
                "--casefold-http-method");
        add("strip_header_spaces", s, BOOL, "false", null,
                "Strip spaces between a header name and the colon (unsafe).", "--strip-header-spaces");
        add("header_map", s, STRING, "drop", Validators.oneOf("drop", "refuse", "dangerous"),
                "Headers with `_` in their name: drop them, refuse the request, or pass them (dangerous).",
                "--header-map");

        add("control_socket", s, STRING, "jgunicorn.ctl", null,
                "The arbiter's control socket for `jgunicorn ctl` (a Unix socket, mode 0600; relative "
                        + "to the working directory).", "--control-socket");
        add("no_control_socket", s, BOOL, "false", null, "Do not open a control socket.",
                "--no-control-socket");

        s = "Server Hooks";
        add("server_hooks", s, STRING, null, null,
                "A class implementing io.jgunicorn.container.hooks.ServerHooks (on the class path or "
                        + "`classpath`): Gunicorn's on_starting, when_ready, pre_fork, post_fork, "
                        + "post_worker_init, worker_int, worker_abort, pre_exec, pre_request, post_request, "
                        + "child_exit, worker_exit, nworkers_changed, on_exit and on_reload.", "--hooks");

        // (anchor) TLS settings go here, section "SSL"

        // (anchor) metrics settings go here, section "Metrics"

        // (anchor) deploy-directory settings go here, section "Application"

        // (anchor) session store settings go here, section "Sessions"
        s = "Sessions";
        add("session_store", s, STRING, "embedded", Settings::sessionStore,
                "Where HttpSessions live: `embedded` (a SQLite file shared by this arbiter's workers; "
                        + "`embedded:/path/sessions.db` to keep it across restarts), `memory` (each worker's "
                        + "heap: only for `-w 1`), `redis://[user:password@]host:6379[/db]` or "
                        + "`jdbc:postgresql://host:5432/db?user=u&password=p` (shared by several machines).",
                "--session-store");

        s = "Logging";
        add("accesslog", s, STRING, null, null, "The access log file (`-` = stdout); off when unset.",
                "--access-logfile");
        add("errorlog", s, STRING, "-", null, "The error log file (`-` = stderr).",
                "--error-logfile", "--log-file");
        add("loglevel", s, STRING, "info", Validators.oneOf("debug", "info", "warning", "error", "critical"),
                "The error log level: debug, info, warning, error, critical.", "--log-level");

        // (anchor) logging settings (access log format, log config, capture output) go here
    }

    private Settings() {}

    private static void add(String name, String section, SettingType type, String def,
            Function<Object, String> validator, String description, String... flags) {
        ALL.add(new Setting(name, section, List.of(flags), type, def, validator, description, null));
    }

    private static void addOpt(String name, String section, SettingType type, String def,
            Function<Object, String> validator, String description, String fallback, String... flags) {
        ALL.add(new Setting(name, section, List.of(flags), type, def, validator, description, fallback));
    }

    private static String sessionStore(Object v) {
        String spec = String.valueOf(v);
        return spec.equals("memory") || spec.equals("embedded") || spec.startsWith("embedded:")
                || spec.startsWith("redis://") || spec.startsWith("rediss://") || spec.startsWith("jdbc:postgresql:")
                ? null
                : "'" + spec + "' is not a session store; use embedded, embedded:PATH, memory, redis://HOST:PORT or "
                        + "jdbc:postgresql://HOST:PORT/DB";
    }

    /** Every setting, in documentation order. */
    public static List<Setting> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Settings by name. */
    public static Map<String, Setting> byName() {
        Map<String, Setting> m = new LinkedHashMap<>();
        for (Setting st : ALL) {
            m.put(st.name(), st);
        }
        return m;
    }
}
