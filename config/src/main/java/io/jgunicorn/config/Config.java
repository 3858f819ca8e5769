package io.jgunicorn.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved, immutable configuration: every setting of {@link Settings} with its typed value
 * (null when unset). Built by {@link ConfigLoader}; workers rebuild it with {@link #fromText}.
 */
public final class Config {

    private final Map<String, Object> values;

    Config(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Rebuilds a config from {@link #asText()} output (the arbiter hands this to its workers). */
    public static Config fromText(Map<String, String> text) {
        Map<String, Setting> table = Settings.byName();
        Map<String, Object> values = new TreeMap<>();
        for (Setting s : table.values()) {
            String t = text.get(s.name());
            values.put(s.name(), t == null || (t.isEmpty() && s.type() != SettingType.STRING && s.type() != SettingType.LIST)
                    ? null : s.type().parse(s.name(), t));
        }
        return new Config(values);
    }

    /**
     * Every setting at its default from {@link Settings} (without the environment's {@code PORT},
     * {@code WEB_CONCURRENCY}, ...): the one place defaults come from, for code and tests that
     * start from them.
     */
    public static Config defaults() {
        return new Config(ConfigLoader.defaults(Map.of()));
    }

    /**
     * A copy with some settings replaced, given as text by name (as a settings file holds them) and
     * parsed by their type.
     *
     * @throws IllegalArgumentException naming a setting that does not exist, or a value its type refuses
     */
    public Config withText(Map<String, String> changes) {
        Map<String, Setting> table = Settings.byName();
        Map<String, Object> copy = new TreeMap<>(values);
        changes.forEach((name, text) -> {
            Setting s = table.get(name);
            if (s == null) {
                throw new IllegalArgumentException("no such setting: " + name);
            }
            copy.put(name, text == null ? null : s.type().parse(name, text));
        });
        return new Config(copy);
    }

    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no such setting: " + name);
        }
        return values.get(name);
    }

    public String string(String name) {
        Object v = get(name);
        return v == null ? null : String.valueOf(v);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(get(name));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object v = get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    /** Every set value as text, by setting name (lists joined with commas); unset settings are left out. */
    public Map<String, String> asText() {
        Map<String, Setting> table = Settings.byName();
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                out.put(k, table.get(k).type().toText(v));
            }
        });
        return out;
    }

    /** Every setting as {@code name = value}, one per line, sorted, in TOML syntax. */
    public String toToml() {
        Map<String, Setting> table = Settings.byName();
        List<String> lines = new ArrayList<>();
        values.forEach((k, v) -> lines.add(k + " = " + table.get(k).type().toToml(v)));
        return String.join("\n", lines) + "\n";
    }

    /** A copy with some values replaced (typed values, already valid). */
    public Config with(Map<String, Object> changes) {
        Map<String, Object> copy = new TreeMap<>(values);
        copy.putAll(changes);
        return new Config(copy);
    }
}
