package io.jgunicorn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code docs/settings.md} from the settings table, plus the list of Gunicorn settings
 * that have no meaning here. {@code SettingsDocTest} fails when the committed file differs and
 * prints the command that rewrites it.
 */
public final class SettingsDoc {

    /** The command that regenerates the doc (the test prints it when the doc is stale). */
    public static final String REGENERATE =
            "mvn -B test -pl config -am -Dtest=SettingsDocTest -Dsurefire.failIfNoSpecifiedTests=false "
                    + "-Djgunicorn.regenerateDocs=true";

    /**
     * A Gunicorn setting jgunicorn does not have, and why. Its flags are still accepted on the
     * command line (with one warning each), so a ported Gunicorn command line starts.
     *
     * @param takesValue the flag takes a value ({@code --pythonpath DIR}), else it is a switch
     */
    record Absent(String name, String flag, String why, boolean takesValue) {
        Absent(String name, String flag, String why) {
            this(name, flag, why, false);
        }

        /** The flags, e.g. {@code -R} and {@code --enable-stdio-inheritance}. */
        List<String> flags() {
            return flag.isEmpty() ? List.of() : List.of(flag.split(",\\s*"));
        }
    }

    static final List<Absent> ABSENT = List.of(
            new Absent("wsgi_app", "", "Python's WSGI callable path; the app is the positional APP (or `app`)."),
            new Absent("pythonpath", "--pythonpath", "Python import path; class-name apps use `classpath`.", true),
            new Absent("spew", "--spew", "Python line tracing; use a JVM agent or `worker_jvm_opts` instead."),
            new Absent("logger_class", "--logger-class", "A Python class; replace logging with `logconfig` (Logback XML).", true),
            new Absent("logconfig_dict", "", "A Python dict for logging.config; use `logconfig` (Logback XML)."),
            new Absent("logconfig_json", "--log-config-json", "A Python logging.config JSON file; use `logconfig` (Logback XML).", true),
            new Absent("syslog", "--log-syslog", "Not built in: a Logback SyslogAppender in a `logconfig` file does this."),
            new Absent("syslog_addr", "--log-syslog-to", "See syslog.", true),
            new Absent("syslog_prefix", "--log-syslog-prefix", "See syslog.", true),
            new Absent("syslog_facility", "--log-syslog-facility", "See syslog.", true),
            new Absent("disable_redirect_access_to_syslog", "--disable-redirect-access-to-syslog",
                    "There is no built-in syslog to redirect the access log to."),
            new Absent("enable_stdio_inheritance", "-R, --enable-stdio-inheritance",
                    "Workers always inherit the arbiter's stdout/stderr (see `capture_output`)."),
            new Absent("default_proc_name", "", "Internal to Gunicorn; `proc_name` names the processes."),
            new Absent("suppress_ragged_eofs", "--suppress-ragged-eofs",
                    "A Python ssl module switch; a TLS peer that closes without close_notify simply ends its connection."),
            new Absent("do_handshake_on_connect", "--do-handshake-on-connect",
                    "A Python ssl module switch; the handshake always runs on the worker's first read."),
            new Absent("ssl_context", "", "A Python hook building an SSLContext; use the SSL settings."),
            new Absent("sendfile", "--no-sendfile", "WSGI file wrappers; static files are served by the servlet bridge."),
            new Absent("reuse_port", "--reuse-port",
                    "The arbiter binds each socket once and every worker accepts on it; SO_REUSEPORT is not used."),
            new Absent("tmp_upload_dir", "", "Unused even in Gunicorn; multipart uploads follow @MultipartConfig."),
            new Absent("raw_paste_global_conf", "--paste-global", "Present as `paste_global` (same flag)."),
            new Absent("permit_unconventional_http_version", "--permit-unconventional-http-version",
                    "Only HTTP/1.0 and HTTP/1.1 are served; other versions get 505."),
            new Absent("forwarder_headers", "--forwarder-headers",
                    "WSGI environ keys (SCRIPT_NAME, PATH_INFO); see `forwarded_headers` and `context_path`.", true),
            new Absent("on_starting, on_reload, when_ready, pre_fork, post_fork, post_worker_init, worker_int, "
                    + "worker_abort, pre_exec, pre_request, post_request, child_exit, worker_exit, "
                    + "nworkers_changed, on_exit", "",
                    "Python callables in the config file; here they are the methods of one Java class named by `server_hooks`."));

    private SettingsDoc() {}

    /** The whole Markdown document. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Settings\n\n")
                .append("<!-- Generated from config/src/main/java/io/jgunicorn/config/Settings.java; do not edit.\n")
                .append("     Regenerate: ").append(REGENERATE).append(" -->\n\n")
                .append("Every setting has a Gunicorn-style name, which is also its key in `jgunicorn.conf.toml`.\n")
                .append("Precedence, lowest first: defaults (`PORT`, `WEB_CONCURRENCY`) < config file < ")
                .append("`JGUNICORN_CMD_ARGS` < command line. `--print-config` shows every resolved value.\n");
        bySection().forEach((section, settings) -> {
            md.append("\n## ").append(section).append("\n");
            for (Setting s : settings) {
                md.append("\n### `").append(s.name()).append("`\n\n");
                md.append("- flags: ").append(s.flags().isEmpty() ? "(config file only)" : flags(s)).append('\n');
                md.append("- type: ").append(s.type().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
                md.append("- default: ").append(s.defaultValue() == null ? "(unset)" : "`" + s.defaultValue() + "`")
                        .append("\n\n").append(s.description()).append('\n');
            }
        });
        md.append("\n## Gunicorn settings that have no meaning here\n\n")
                .append("Their flags are accepted on the command line and in `JGUNICORN_CMD_ARGS` with one warning ")
                .append("each (`jgunicorn: warning: --reuse-port (Gunicorn's reuse_port) has no meaning here and is ")
                .append("ignored: ...`), so a Gunicorn command line starts unchanged; as config file keys they are ")
                .append("errors.\n\n")
                .append("| Gunicorn setting | flag | why |\n|---|---|---|\n");
        for (Absent a : ABSENT) {
            md.append("| `").append(a.name()).append("` | ").append(a.flag().isEmpty() ? "" : "`" + a.flag() + "`")
                    .append(" | ").append(a.why()).append(" |\n");
        }
        md.append("\nPartly: `worker_class` takes the four jgunicorn classes and Gunicorn's names for them ")
                .append("(`sync`, `gthread`, `gevent`/`eventlet` = `virtual`, `tornado`/`asgi` = `async`), not ")
                .append("Python class paths. The statsd settings belong to the metrics settings.\n");
        return md.toString();
    }

    private static String flags(Setting s) {
        List<String> out = new ArrayList<>();
        String value = s.isSwitch() ? "" : " " + s.name().toUpperCase(java.util.Locale.ROOT);
        for (String f : s.flags()) {
            out.add("`" + f + value + "`");
        }
        return String.join(", ", out);
    }

    /** Sections in the order they first appear in the table. */
    private static Map<String, List<Setting>> bySection() {
        Map<String, List<Setting>> m = new LinkedHashMap<>();
        for (Setting s : Settings.all()) {
            m.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(s);
        }
        return m;
    }

    /** Writes the doc: {@code SettingsDoc docs/settings.md}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/settings.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }
}
