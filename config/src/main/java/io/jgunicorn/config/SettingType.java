package io.jgunicorn.config;

import java.util.ArrayList;
import java.util.List;

/** The value types settings can have; each knows how to parse text and print TOML. */
public enum SettingType {
    STRING, INT, LONG, BOOL, LIST, FLOAT;

    /** Parses one textual value; for LIST, a comma-separated string adds several elements. */
    Object parse(String name, String text) {
        String t = text.trim();
        return switch (this) {
            case STRING -> text;
            case INT -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, "'" + text + "' is not an integer");
                }
            }
            case LONG -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, "'" + text + "' is not an integer");
                }
            }
            case FLOAT -> {
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, "'" + text + "' is not a number");
                }
            }
            case BOOL -> switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on" -> Boolean.TRUE;
                case "false", "0", "no", "off" -> Boolean.FALSE;
                default -> throw new ConfigException(name, "'" + text + "' is not a boolean (true/false)");
            };
            case LIST -> splitList(text);
        };
    }

    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The value in TOML syntax, as --print-config shows it. */
    String toToml(Object value) {
        if (value == null) {
            return "\"\"";
        }
        return switch (this) {
            case STRING -> tomlString((String) value);
            case INT, LONG, BOOL, FLOAT -> String.valueOf(value);
            case LIST -> {
                StringBuilder sb = new StringBuilder("[");
                List<?> items = (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(tomlString(String.valueOf(items.get(i))));
                }
                yield sb.append(']').toString();
            }
        };
    }

    /** The value as one string for the settings map handed to workers (lists joined by commas). */
    String toText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> items) {
            return String.join(",", items.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    static String tomlString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
