package io.jgunicorn.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves the configuration. Precedence, lowest first: defaults (with the {@code PORT} and
 * {@code WEB_CONCURRENCY} environment variables) &lt; config file &lt; {@code JGUNICORN_CMD_ARGS}
 * &lt; command line, as in Gunicorn.
 */
public final class ConfigLoader {

    public static final String DEFAULT_CONFIG_FILE = "jgunicorn.conf.toml";

    private ConfigLoader() {}

    /** The outcome of reading the command line: either a config or a request for help/version. */
    public record Result(Config config, CommandLineParser.Action action, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        public Result(Config config, CommandLineParser.Action action) {
            this(config, action, List.of());
        }
    }

    public static Result load(String[] args, Map<String, String> env, Path cwd) {
        return load(args, env, cwd, Map.of(), null);
    }

    /**
     * Like {@link #load(String[], Map, Path)}, with settings the app source itself declares (an INI
     * descriptor's {@code [server:main]}) as a layer just above the defaults: the config file,
     * {@code JGUNICORN_CMD_ARGS} and the command line override them.
     *
     * @param sourceSettings setting name to textual value; names must be known settings
     * @param origin         where they come from, for error messages ("site.ini [server:main]")
     */
    public static Result load(String[] args, Map<String, String> env, Path cwd, Map<String, String> sourceSettings,
            String origin) {
        CommandLineParser cli = new CommandLineParser();
        CommandLineParser.Parsed parsedCli = cli.parse(args, "command line");
        if (parsedCli.action() != CommandLineParser.Action.RUN) {
            return new Result(null, parsedCli.action());
        }
        Map<String, Object> values = defaults(env);
        Map<String, Object> layered = new TreeMap<>(parseSourceSettings(sourceSettings, origin));
        CommandLineParser.Parsed envArgs = null;
        String cmdArgs = env.get("JGUNICORN_CMD_ARGS");
        if (cmdArgs != null && !cmdArgs.isBlank()) {
            envArgs = cli.parse(ShellWords.split(cmdArgs).toArray(String[]::new), "JGUNICORN_CMD_ARGS");
        }
        String configFile = firstNonNull(
                (String) parsedCli.values().get("config"),
                envArgs == null ? null : (String) envArgs.values().get("config"));
        Path file = configFile != null ? cwd.resolve(configFile) : cwd.resolve(DEFAULT_CONFIG_FILE);
        if (configFile != null || Files.isRegularFile(file)) {
            layered.putAll(readFile(file));
            layered.put("config", file.toString());
        }
        if (envArgs != null) {
            layered.putAll(envArgs.values());
        }
        layered.putAll(parsedCli.values());
        values.putAll(layered);
        List<String> warnings = new java.util.ArrayList<>();
        if (envArgs != null) {
            warnings.addAll(envArgs.warnings());
        }
        warnings.addAll(parsedCli.warnings());
        return new Result(finish(values, layered.keySet()), CommandLineParser.Action.RUN, warnings);
    }

    static Map<String, Object> defaults(Map<String, String> env) {
        Map<String, Object> values = new TreeMap<>();
        for (Setting s : Settings.all()) {
            values.put(s.name(), s.defaultValue() == null ? null : s.type().parse(s.name(), s.defaultValue()));
        }
        String port = env.get("PORT");
        if (port != null && !port.isBlank()) {
            values.put("bind", List.of("0.0.0.0:" + port.trim()));
        }
        String allowIps = env.get("FORWARDED_ALLOW_IPS"); // Gunicorn's default comes from it too
        if (allowIps != null && !allowIps.isBlank()) {
            values.put("forwarded_allow_ips", SettingType.LIST.parse("forwarded_allow_ips", allowIps));
        }
        String concurrency = env.get("WEB_CONCURRENCY");
        if (concurrency != null && !concurrency.isBlank()) {
            values.put("workers", SettingType.INT.parse("workers", concurrency));
        }
        return values;
    }

    private static Map<String, Object> parseSourceSettings(Map<String, String> settings, String origin) {
        Map<String, Setting> table = Settings.byName();
        Map<String, Object> out = new TreeMap<>();
        settings.forEach((name, text) -> {
            Setting s = table.get(name);
            if (s == null) {
                throw new ConfigException(name, origin + ": unknown setting '" + name + "'");
            }
            try {
                out.put(name, s.type().parse(name, text));
            } catch (ConfigException e) {
                throw new ConfigException(name, origin + ": " + e.getMessage());
            }
        });
        return out;
    }

    /** Reads a TOML config file whose keys are setting names. */
    static Map<String, Object> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config", "config file " + file + " does not exist");
        }
        Map<String, Object> raw;
        try {
            ObjectMapper toml = new TomlMapper();
            @SuppressWarnings("unchecked")
            Map<String, Object> m = toml.readValue(file.toFile(), LinkedHashMap.class);
            raw = m;
        } catch (IOException e) {
            throw new ConfigException("config", file + ": not valid TOML: " + firstLine(e.getMessage()));
        }
        Map<String, Setting> table = Settings.byName();
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Setting s = table.get(e.getKey());
            if (s == null) {
                throw new ConfigException(e.getKey(), file + ": unknown setting '" + e.getKey() + "'");
            }
            out.put(s.name(), fromToml(s, e.getValue(), file));
        }
        return out;
    }

    private static Object fromToml(Setting s, Object v, Path file) {
        if (s.type() == SettingType.LIST) {
            if (v instanceof List<?> items) {
                List<String> out = new ArrayList<>();
                items.forEach(i -> out.add(String.valueOf(i)));
                return out;
            }
            return SettingType.splitList(String.valueOf(v));
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(s.name(), file + ": expected a single value");
        }
        return s.type().parse(s.name(), String.valueOf(v));
    }

    /** Validates every value and applies the rules between settings. */
    static Config finish(Map<String, Object> values, java.util.Set<String> given) {
        for (Setting s : Settings.all()) {
            Object v = values.get(s.name());
            if (v != null && s.validator() != null) {
                String err = s.validator().apply(v);
                if (err != null) {
                    throw new ConfigException(s.name(), err);
                }
            }
        }
        List<String> sources = new ArrayList<>();
        for (String src : List.of("app", "war", "paste", "deploy_dir")) {
            if (values.get(src) != null) {
                sources.add(src);
            }
        }
        if (sources.size() > 1) {
            throw new UsageException("give exactly one app source (" + Settings.APP_SOURCES + "), got "
                    + String.join(" and ", sources));
        }
        if (values.get("keyfile") != null && values.get("certfile") == null) {
            throw new ConfigException("keyfile", "a keyfile needs a certfile");
        }
        if (((Integer) values.get("cert_reqs")) > 0 && values.get("ca_certs") == null) {
            throw new ConfigException("cert_reqs", "client certificates need ca_certs to check them against");
        }
        // -k sync --threads 4 becomes gthread, as in Gunicorn
        if ("sync".equals(values.get("worker_class")) && ((Integer) values.get("threads")) > 1) {
            values.put("worker_class", "gthread");
        }
        return new Config(values);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
