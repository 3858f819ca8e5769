package io.jgunicorn.config;

import static io.jgunicorn.config.SettingType.BOOL;
import static io.jgunicorn.config.SettingType.FLOAT;
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
        add("boot_timeout", s, INT, "120", Validators.atLeast(0),
                "Seconds a worker may take to load its application before it is killed (its threads "
                        + "dumped to the error log first) and started again; kept apart from --timeout for "
                        + "frameworks that start slowly. Repeated boot failures are retried with a growing "
                        + "delay (0 disables the limit).",
                "--boot-timeout");
        add("shutdown_delay", s, INT, "0", Validators.atLeast(0),
                "Seconds to keep serving after TERM while /ready already answers 503, so that a load "
                        + "balancer (a Kubernetes Service) stops sending new connections before the "
                        + "listeners close; the graceful stop follows.",
                "--shutdown-delay");
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
        add("aot_cache_dir", s, STRING, null, null,
                "Where the workers' AOT caches are kept between runs (default: $XDG_CACHE_HOME/jgunicorn/aot, "
                        + "else ~/.cache/jgunicorn/aot): one per JDK, jgunicorn build, worker_jvm_opts and application "
                        + "name, made in the background after the first start and mapped by every worker started "
                        + "after it, which then starts faster (hello WAR: 1.6 s to 1.2 s to the first response). The "
                        + "directory must belong to the user running jgunicorn and be writable by no one else.", "--aot-cache-dir");
        add("no_aot_cache", s, BOOL, "false", null,
                "Keep no AOT cache for the workers (see aot_cache_dir).", "--no-aot-cache");
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
        add("request_id_header", s, STRING, "X-Request-ID", null,
                "A request header whose value (printable ASCII, at most 200 characters) becomes the request id "
                        + "(`ServletRequest.getRequestId()`, `request_id` in the JSON access log), so a front "
                        + "end's id follows the request; empty disables it. Without one the id is "
                        + "`PID-CONNECTION-N`, unique across the workers.", "--request-id-header");
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
        add("allowed_trailer_names", s, LIST, "*", null,
                "Trailer fields of chunked requests that applications see (`getTrailerFields()`), by name, "
                        + "case-insensitive: `*` (the default) passes all, an empty value passes none and "
                        + "others are dropped (Tomcat's allowedTrailerHeaders). Framing, routing and "
                        + "credential fields are refused with 400 in a trailer whatever this says.",
                "--allowed-trailer-names");

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
        s = "SSL";
        add("certfile", s, STRING, null, null,
                "The server certificate (PEM; the chain may follow it in the same file). Serves HTTPS on "
                        + "every bind when set, together with keyfile.", "--certfile");
        add("keyfile", s, STRING, null, null,
                "The private key (PEM: PKCS#8, PKCS#1 RSA, SEC1 EC, or encrypted PKCS#8 with "
                        + "keyfile_password).", "--keyfile");
        add("keyfile_password", s, STRING, null, null,
                "The password of an encrypted PKCS#8 keyfile (Python's ssl password callback's role).",
                "--keyfile-password");
        add("ca_certs", s, STRING, null, null,
                "CA certificates (PEM) that client certificates are checked against.", "--ca-certs");
        add("cert_reqs", s, INT, "0", Validators.between(0, 2),
                "Client certificates: 0 not asked for, 1 optional (checked when sent), 2 required "
                        + "(Python's ssl.CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED).", "--cert-reqs");
        add("ciphers", s, STRING, null, null,
                "TLS cipher suites to allow, by IANA/JDK name (`TLS_AES_128_GCM_SHA256`), separated by "
                        + "`:` or `,`; default: the JDK's defaults for TLS 1.2 and 1.3.", "--ciphers");
        add("ssl_version", s, STRING, "TLS", Validators.oneOf("TLS", "TLSv1_2", "TLSv1_3"),
                "TLS versions: TLS (1.2 and 1.3), TLSv1_2 or TLSv1_3 (only that one). Older versions are "
                        + "never offered.", "--ssl-version");

        // (anchor) metrics settings go here, section "Metrics"
        s = "Metrics";
        add("statsd_host", s, STRING, null, Validators::statsdHost,
                "Send StatsD metrics (Gunicorn's names: gunicorn.requests, gunicorn.request.duration, ...) "
                        + "over UDP to `HOST:PORT` (port 8125 when left out), or to a Unix datagram socket "
                        + "`unix:PATH`. Off when unset.", "--statsd-host");
        add("statsd_prefix", s, STRING, "", null,
                "A prefix for every StatsD metric name; a dot is added between it and the name.",
                "--statsd-prefix");
        add("dogstatsd_tags", s, STRING, "", Validators::dogstatsdTags,
                "DogStatsD tags appended to every StatsD metric: `tag1:value1,tag2:value2`.",
                "--dogstatsd-tags");
        add("enable_backlog_metric", s, BOOL, "false", null,
                "Send the listening sockets' accept-queue length as the gunicorn.backlog StatsD metric "
                        + "(Linux), about once a second.", "--enable-backlog-metric");
        add("metrics_bind", s, STRING, null, Validators::metricsBind,
                "Serve Prometheus metrics (`/metrics`, aggregated across workers), readiness (`/ready`) "
                        + "and liveness (`/health`) from the arbiter on this `HOST:PORT` (port 0 = a free "
                        + "port). Off when unset.", "--metrics-bind");


        // (anchor) deploy-directory settings go here, section "Application"
        s = "Application";
        add("deploy_scan_interval", s, FLOAT, "1", v -> ((Double) v) > 0 ? null : "must be more than 0 seconds",
                "Seconds between two scans of `deploy_dir`. A file is deployed once its size and mtime are the "
                        + "same in two scans in a row.", "--deploy-scan-interval");
        add("deploy_skip_check", s, BOOL, "false", null,
                "Roll a changed `deploy_dir` straight into new workers, without first loading the new "
                        + "deployables in a check run of their own (one JVM start less per change; meant for "
                        + "test harnesses that deploy archive after archive). The previous workers still serve "
                        + "until the new ones are ready, and keep serving when they fail to start; then every "
                        + "deployable of that change is marked failed with the workers' error, since no check "
                        + "run told a broken one from the others. What is there at startup is always checked.",
                "--deploy-skip-check");
        add("deploy_spare_workers", s, INT, "0", Validators.atLeast(0),
                "Keep this many worker JVMs started ahead for `deploy_dir` changes: a spare has booted its "
                        + "JVM and loaded jgunicorn's own classes but no application, and waits; a change rolls "
                        + "into spares (each loads the new application list and serves) instead of starting "
                        + "new JVMs, and new spares start once the roll is done. Every generation is still a "
                        + "set of fresh processes that never ran an old application. Costs one idle JVM's "
                        + "memory per spare; meant for test harnesses that deploy archive after archive.",
                "--deploy-spare-workers");
        add("deploy_apps", s, STRING, null, null,
                "Set by the arbiter for its workers under `deploy_dir` (not meant to be set by hand): the "
                        + "applications of a generation, one `CONTEXT_PATH<TAB>SNAPSHOT` per line.");
        add("cross_context", s, BOOL, "false", null,
                "Let the web applications of one worker reach each other, as Tomcat's `crossContext=\"true\"`: "
                        + "`ServletContext.getContext(\"/other\")` returns the context mounted at the longest "
                        + "prefix of the path, whose dispatchers forward to and include from that application "
                        + "(its filters, class loader and sessions). Off: `getContext` returns null for every "
                        + "other application. Applies to apps served together (`deploy_dir`, an INI url map).",
                "--cross-context");
        add("fail_ctx_if_servlet_start_fails", s, BOOL, "false", null,
                "Fail the deploy when a load-on-startup servlet's `init` throws, as Tomcat's "
                        + "`failCtxIfServletStartFails=\"true\"`. Off (Tomcat's default): the cause is logged once, "
                        + "the application stays deployed and that servlet answers 503.",
                "--fail-ctx-if-servlet-start-fails");
        add("jndi_resources", s, STRING, null, null,
                "A file in the format of Tomcat's `META-INF/context.xml` (`<Context>` with `<Resource>`, "
                        + "`<Environment>` and `<Parameter>` children) whose declarations every application gets in "
                        + "`java:comp/env`, over those of the WAR's own `META-INF/context.xml` with the same name. "
                        + "`type=\"javax.sql.DataSource\"` is a DBCP 2 pool with Tomcat's attribute names (`url`, "
                        + "`username`, `password`, `driverClassName`, `maxTotal`, `maxIdle`, `maxWaitMillis`, "
                        + "`validationQuery`, ...), made on first lookup; see docs/tomcat.md.",
                "--jndi-resources");
        add("jdbc_drivers", s, STRING, null, null,
                "A directory of JDBC driver jars for the DataSources of `java:comp/env`, as Tomcat's `lib/`: "
                        + "applications need not ship the driver in `WEB-INF/lib` (one found there is used too).",
                "--jdbc-drivers");
        add("compression", s, STRING, "off", Validators.oneOf("off", "on", "force"),
                "Gzip response bodies, as Tomcat's connector `compression`: `off`; `on` compresses bodies of a "
                        + "`compressible_mime_types` type of at least `compression_min_size` bytes (or of unknown length) "
                        + "for clients that send `Accept-Encoding: gzip`; `force` compresses every body those clients get. "
                        + "Compressible responses say `Vary: Accept-Encoding`; ranges (206), bodies already encoded, HEAD "
                        + "and HTTP/1.0 answers are sent as they are; a compressed body goes chunked and its strong ETag "
                        + "becomes weak (`W/\"...\"`).",
                "--compression");
        add("compression_min_size", s, INT, "2048", Validators.atLeast(0),
                "With `compression = on`: bodies of a known length below this many bytes are not compressed "
                        + "(Tomcat's `compressionMinSize`).",
                "--compression-min-size");
        add("compressible_mime_types", s, STRING,
                "text/html,text/xml,text/plain,text/css,text/javascript,application/javascript,application/json,application/xml",
                null, "The comma-separated response types `compression = on` compresses (Tomcat's `compressibleMimeType`); "
                        + "parameters such as `;charset=` are ignored.",
                "--compressible-mime-types");
        add("absolute_redirects", s, BOOL, "false", null,
                "`sendRedirect` sends an absolute `Location` (`http://host:port/ctx/next`, from the request's "
                        + "scheme, Host header and port), as the Servlet Javadoc asks when no container option says "
                        + "otherwise and Tomcat does under STRICT_SERVLET_COMPLIANCE. Off (the default, Tomcat's "
                        + "`useRelativeRedirects`): a path-absolute `Location` (`/ctx/next`), which RFC 9110 "
                        + "allows and which trusts no Host header.",
                "--absolute-redirects");

        // (anchor) session store settings go here, section "Sessions"
        s = "Sessions";
        add("session_store", s, STRING, "embedded", Settings::sessionStore,
                "Where HttpSessions live: `embedded` (a SQLite file shared by this arbiter's workers; "
                        + "`embedded:/path/sessions.db` to keep it across restarts), `memory` (each worker's "
                        + "heap: only for `-w 1`), `redis://[user:password@]host:6379[/db]` or "
                        + "`jdbc:postgresql://host:5432/db?user=u&password=p` (shared by several machines).",
                "--session-store");
        add("session_require_serializable", s, BOOL, "false", null,
                "Refuse (`setAttribute` throws IllegalArgumentException) a session attribute that cannot be "
                        + "serialized into a shared session store. Off (as Tomcat): such an attribute is kept in "
                        + "the memory of the worker that set it, with a warning once per class; other workers do "
                        + "not see it and it is lost when that worker stops.",
                "--session-require-serializable");

        s = "Logging";
        add("accesslog", s, STRING, null, null, "The access log file (`-` = stdout); off when unset.",
                "--access-logfile");
        add("errorlog", s, STRING, "-", null, "The error log file (`-` = stderr).",
                "--error-logfile", "--log-file");
        add("loglevel", s, STRING, "info", Validators.oneOf("debug", "info", "warning", "error", "critical"),
                "The error log level: debug, info, warning, error, critical.", "--log-level");

        // (anchor) logging settings (access log format, log config, capture output) go here
        add("access_log_format", s, STRING, "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"",
                null, "The access log line, with Gunicorn's atoms: h l u t r s m U q H b B f a T M D L p, "
                        + "%({header}i)s, %({header}o)s, %({variable}e)s.", "--access-logformat");
        add("access_log_json", s, BOOL, "false", null,
                "Write the access log as one JSON object per line (every atom by name) instead of "
                        + "access_log_format.", "--access-log-json");
        add("logconfig", s, STRING, null, null,
                "A Logback XML file that replaces jgunicorn's logging setup (loggers `jgunicorn.access` "
                        + "and `jgunicorn.*`); errorlog, accesslog and loglevel are then ignored.",
                "--log-config");
        add("capture_output", s, BOOL, "false", null,
                "Redirect the workers' stdout and stderr (System.out/err of the apps) to the error log.",
                "--capture-output");

        // settings of the ops area without an anchor of their own (reload, privileges)
        s = "Debugging";
        add("reload", s, BOOL, "false", null,
                "Restart the workers when the app (WAR, exploded directory, classes, INI) or a "
                        + "reload_extra_files file changes. For development.", "--reload");
        add("reload_engine", s, STRING, "auto", Validators.oneOf("auto", "poll", "inotify"),
                "Accepted for Gunicorn compatibility: every engine polls modification times once a second.",
                "--reload-engine");
        add("reload_extra_files", s, LIST, "", null,
                "More files (or directories) whose change restarts the workers under reload. Repeatable.",
                "--reload-extra-file");
        s = "Server Mechanics";
        add("user", s, STRING, null, null,
                "Run workers as this user (name or uid); the arbiter must be root to change it.",
                "-u", "--user");
        add("group", s, STRING, null, null,
                "Run workers as this group (name or gid); the arbiter must be root to change it.",
                "-g", "--group");
        add("umask", s, STRING, "0", Validators::umask,
                "The umask of the workers (octal `022`/`0o22`, hex `0x12` or decimal); 0, the default, leaves the "
                        + "inherited umask alone.",
                "-m", "--umask");
        add("initgroups", s, BOOL, "false", null,
                "With user: also take that user's supplementary groups (initgroups(3)).", "--initgroups");
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
