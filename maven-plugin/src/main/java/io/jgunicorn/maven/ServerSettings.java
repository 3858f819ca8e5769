package io.jgunicorn.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * jgunicorn's settings as the plugin takes them: from the POM's {@code <settings>} and from properties named
 * {@code jgunicorn.<setting>}, checked against the settings table (written out by the config module at build time,
 * {@code settings.tsv}), and turned into the server's command line.
 */
final class ServerSettings {

    /** One row of the settings table. */
    record Def(String name, String type, List<String> flags) {
        /** The long flag ({@code --worker-class}), or null for a config-file-only setting. */
        String longFlag() {
            return flags.stream().filter(f -> f.startsWith("--")).findFirst().orElse(null);
        }
    }

    /** Properties {@code jgunicorn.X} of the plugin's own parameters: not settings. */
    static final Set<String> PARAMETERS = Set.of("skip", "javaHome", "startTimeout", "readyPath", "serverJvmOpts",
            "warSourceDirectory");

    /** Properties {@code jgunicorn.X} that jgunicorn:start sets for the tests: not settings either. */
    static final Set<String> OUTPUTS = Set.of("url", "port");

    private static final Map<String, Def> TABLE = load();

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    static Map<String, Def> table() {
        return TABLE;
    }

    private static Map<String, Def> load() {
        Map<String, Def> m = new LinkedHashMap<>();
        try (InputStream in = ServerSettings.class.getResourceAsStream("settings.tsv")) {
            if (in == null) {
                throw new IllegalStateException("settings.tsv is missing from the jgunicorn-maven-plugin jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                m.put(f[0], new Def(f[0], f[1], f[2].isEmpty() ? List.of() : Arrays.asList(f[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Sets a setting; {@code origin} names where it came from for error messages ({@code -Djgunicorn.workers}). */
    ServerSettings put(String key, String value, String origin) {
        String name = key.trim().replace('-', '_');
        Def def = TABLE.get(name);
        if (def == null) {
            throw new IllegalArgumentException(origin + ": '" + key + "' is not a jgunicorn setting" + suggestion(name)
                    + " (every setting is listed in docs/settings.md; the plugin's own parameters are "
                    + String.join(", ", new java.util.TreeSet<>(PARAMETERS)) + ")");
        }
        if (name.equals("deploy_apps")) {
            throw new IllegalArgumentException(origin + ": deploy_apps is set by the arbiter for its workers, not by hand");
        }
        String v = value == null ? "" : value.trim();
        check(def, v, origin);
        values.remove(name);
        values.put(name, v);
        origins.put(name, origin);
        return this;
    }

    /** Every {@code jgunicorn.<setting>} property in {@code props} (the plugin's own parameters skipped). */
    ServerSettings putProperties(Properties props, String origin) {
        for (String key : new TreeMap<>(toMap(props)).keySet()) {
            if (key.startsWith("jgunicorn.")) {
                String name = key.substring("jgunicorn.".length());
                if (!PARAMETERS.contains(name) && !OUTPUTS.contains(name)) {
                    put(name, props.getProperty(key), origin + " jgunicorn." + name);
                }
            }
        }
        return this;
    }

    /** A default: only when nothing set the setting yet. */
    ServerSettings putDefault(String name, String value) {
        if (!values.containsKey(name)) {
            put(name, value, "the plugin's default");
        }
        return this;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        return values.get(name);
    }

    Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** jgunicorn's command line for these settings: {@code --flag=value} each, the app (if set) last. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        String app = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            Def def = TABLE.get(e.getKey());
            String v = e.getValue();
            if (def.name().equals("app")) {
                app = v;
                continue;
            }
            String flag = def.longFlag();
            if (flag == null) {
                throw new IllegalArgumentException(origins.get(def.name()) + ": " + def.name()
                        + " has no command-line flag; set it in jgunicorn.conf.toml in the project's directory "
                        + "(jgunicorn reads that file from there) or in the file the config setting names");
            }
            switch (def.type()) {
                case "BOOL" -> {
                    if (bool(v)) {
                        args.add(flag);
                    }
                }
                case "LIST" -> {
                    for (String item : items(def.name(), v)) {
                        args.add(flag + "=" + item);
                    }
                }
                default -> args.add(flag + "=" + v);
            }
        }
        if (app != null) {
            args.add(app);
        }
        return args;
    }

    /** A list value: one item per line, or comma-separated on one line (raw_env's values may hold commas). */
    static List<String> items(String name, String v) {
        List<String> out = new ArrayList<>();
        String[] parts = v.contains("\n") || name.equals("raw_env") ? v.split("\\R") : v.split(",");
        for (String p : parts) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static void check(Def def, String v, String origin) {
        String problem = switch (def.type()) {
            case "INT", "LONG" -> v.matches("-?\\d+") ? null : "'" + v + "' is not an integer";
            case "FLOAT" -> isNumber(v) ? null : "'" + v + "' is not a number";
            case "BOOL" -> isBool(v) ? null : "'" + v + "' is not a boolean (true/false)";
            default -> null;
        };
        if (problem != null) {
            throw new IllegalArgumentException(origin + ": setting '" + def.name() + "': " + problem);
        }
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBool(String v) {
        return Set.of("true", "1", "yes", "on", "false", "0", "no", "off", "").contains(v.toLowerCase(Locale.ROOT));
    }

    /** A bare switch ({@code -Djgunicorn.reload}, {@code <reload/>}) is on. */
    static boolean bool(String v) {
        return Set.of("true", "1", "yes", "on", "").contains(v.toLowerCase(Locale.ROOT));
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : TABLE.keySet()) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 4) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }
}
