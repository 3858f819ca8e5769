package io.jgunicorn.deploy.paste;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One INI descriptor with Paste Deploy's semantics on top of the raw file: {@code [DEFAULT]} is the
 * global configuration (with {@code here} and {@code __file__} added), {@code set key = value}
 * overrides a global for one section, {@code get key = global} copies a global into the local
 * configuration, and {@code %(name)s} interpolates as ConfigParser does.
 */
final class PasteConfig {

    static final Set<String> TYPES = Set.of("app", "filter", "pipeline", "composite", "filter-app", "server");
    private static final Pattern INTERPOLATION = Pattern.compile("%\\(([^)]+)\\)s|%%");
    private static final int MAX_DEPTH = 10;

    /** A resolved section: its type, name, global and local configuration and its {@code use} value (or null). */
    record Section(PasteConfig config, String type, String name, Map<String, String> global, Map<String, String> local, String use) {
        String id() {
            return type + ":" + name;
        }

        PasteException error(String key, String problem) {
            return new PasteException(config.file(), id(), key, problem);
        }

        /** A local key that must be present. */
        String required(String key) throws PasteException {
            String v = local.get(key);
            if (v == null || v.isBlank()) {
                throw error(key, "missing required key '" + key + "'");
            }
            return v;
        }
    }

    private final IniFile ini;
    private final Map<String, String> globals;

    private PasteConfig(IniFile ini, Map<String, String> extraGlobals) throws PasteException {
        this.ini = ini;
        Path file = ini.file().toAbsolutePath().normalize();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("here", file.getParent().toString());
        raw.put("__file__", file.toString());
        Map<String, String> defaults = ini.section("DEFAULT");
        if (defaults != null) {
            raw.putAll(defaults);
        }
        raw.putAll(extraGlobals);
        this.globals = interpolateAll(raw, raw, "DEFAULT");
    }

    static PasteConfig load(Path file, Map<String, String> extraGlobals) throws PasteException {
        return new PasteConfig(IniFile.read(file), extraGlobals);
    }

    Path file() {
        return ini.file();
    }

    /**
     * The section a bare name refers to: {@code app:NAME}, {@code pipeline:NAME}, ... among {@code types};
     * a qualified name ("pipeline:main") is taken as is.
     */
    String find(String name, Set<String> types, String fromSection, String fromKey) throws PasteException {
        int colon = name.indexOf(':');
        if (colon > 0 && TYPES.contains(name.substring(0, colon))) {
            if (ini.section(name) == null) {
                throw new PasteException(file(), fromSection, fromKey, "no section [" + name + "]");
            }
            return name;
        }
        List<String> matches = new ArrayList<>();
        for (String type : types) {
            if (ini.section(type + ":" + name) != null) {
                matches.add(type + ":" + name);
            }
        }
        if (matches.isEmpty()) {
            throw new PasteException(file(), fromSection, fromKey, "no section named '" + name + "' (looked for "
                    + String.join(", ", types.stream().sorted().map(t -> "[" + t + ":" + name + "]").toList()) + ")");
        }
        if (matches.size() > 1) {
            throw new PasteException(file(), fromSection, fromKey, "'" + name + "' is ambiguous: " + matches);
        }
        return matches.getFirst();
    }

    Section section(String id) throws PasteException {
        Map<String, String> raw = ini.section(id);
        if (raw == null) {
            throw new PasteException(file(), id, null, "no such section");
        }
        Map<String, String> global = new LinkedHashMap<>(globals);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> gets = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith("set ")) {
                global.put(k.substring(4).strip(), v);
            } else if (k.startsWith("get ")) {
                gets.put(k.substring(4).strip(), v);
            } else {
                plain.put(k, v);
            }
        });
        Map<String, String> vars = new LinkedHashMap<>(global);
        vars.putAll(plain);
        Map<String, String> g = interpolateAll(global, vars, id);
        Map<String, String> local = interpolateAll(plain, vars, id);
        for (var get : gets.entrySet()) {
            String value = g.get(get.getValue());
            if (value == null) {
                throw new PasteException(file(), id, "get " + get.getKey(), "no global '" + get.getValue() + "' to get");
            }
            local.put(get.getKey(), value);
        }
        String use = local.remove("use");
        int colon = id.indexOf(':');
        return new Section(this, id.substring(0, colon), id.substring(colon + 1), g, local, use);
    }

    List<String> sectionNames() {
        return ini.sectionNames();
    }

    private Map<String, String> interpolateAll(Map<String, String> values, Map<String, String> vars, String section) throws PasteException {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            out.put(e.getKey(), interpolate(e.getValue(), vars, section, e.getKey(), 0));
        }
        return out;
    }

    private String interpolate(String value, Map<String, String> vars, String section, String key, int depth) throws PasteException {
        if (depth > MAX_DEPTH) {
            throw new PasteException(file(), section, key, "interpolation nested too deeply (a %(name)s loop?)");
        }
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = "%";
            if (m.group(1) != null) {
                String ref = vars.get(m.group(1));
                if (ref == null) {
                    throw new PasteException(file(), section, key, "%(" + m.group(1) + ")s refers to nothing");
                }
                replacement = interpolate(ref, vars, section, key, depth + 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
