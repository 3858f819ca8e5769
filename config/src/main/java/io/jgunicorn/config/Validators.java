package io.jgunicorn.config;

import java.util.List;
import java.util.function.Function;

/** Validators for the settings table: each returns an error message, or null when the value is fine. */
public final class Validators {

    private Validators() {}

    static Function<Object, String> atLeast(int min) {
        return v -> ((Integer) v) < min ? "must be at least " + min + ", got " + v : null;
    }

    static Function<Object, String> between(int min, int max) {
        return v -> {
            int i = (Integer) v;
            return i < min || i > max ? "must be between " + min + " and " + max + ", got " + i : null;
        };
    }

    static Function<Object, String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return v -> allowed.contains(String.valueOf(v)) ? null
                : "'" + v + "' is not one of " + String.join(", ", allowed);
    }

    static String workerClass(Object v) {
        String k = String.valueOf(v);
        return WorkerClasses.isKnown(k) ? null : "unknown worker class '" + k + "'; valid: " + WorkerClasses.VALID;
    }

    static String contextPath(Object v) {
        String p = String.valueOf(v);
        if (!p.startsWith("/")) {
            return "'" + p + "' must start with '/'";
        }
        if (p.contains("//") || p.contains("?") || p.contains("#") || p.contains(";")) {
            return "'" + p + "' is not a valid context path";
        }
        return null;
    }

    static String binds(Object v) {
        for (Object o : (List<?>) v) {
            String err = bind(String.valueOf(o));
            if (err != null) {
                return err;
            }
        }
        return null;
    }

    static String bind(String b) {
        if (b.startsWith("unix:")) {
            return b.length() > 5 ? null : "'" + b + "' names no socket path";
        }
        if (b.startsWith("fd://")) {
            return b.substring(5).matches("\\d+") ? null : "'" + b + "' is not fd://NUMBER";
        }
        int colon = b.lastIndexOf(':');
        if (b.startsWith("[")) {
            int close = b.indexOf(']');
            if (close < 0) {
                return "'" + b + "' has an unclosed '['";
            }
            colon = b.indexOf(':', close);
        }
        if (colon < 0) {
            return null; // a host alone means port 8000, as in Gunicorn
        }
        String port = b.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            return "'" + b + "' has an invalid port '" + port + "'";
        }
        return null;
    }

    static String umask(Object v) {
        try {
            int m = parseUmask(String.valueOf(v));
            return m < 0 || m > 0777 ? "'" + v + "' is not a umask between 0 and 0777" : null;
        } catch (NumberFormatException e) {
            return "'" + v + "' is not a number (octal 022 or 0o22, hex 0x12, decimal)";
        }
    }

    /** Gunicorn's auto_int: a leading 0 means octal, 0o/0x prefixes as in Python, else decimal. */
    public static int parseUmask(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("0o")) {
            return Integer.parseInt(t.substring(2), 8);
        }
        if (t.startsWith("0x")) {
            return Integer.parseInt(t.substring(2), 16);
        }
        if (t.length() > 1 && t.startsWith("0")) {
            return Integer.parseInt(t.substring(1), 8);
        }
        return Integer.parseInt(t);
    }

    /** Gunicorn's statsd_host: {@code HOST[:PORT]} or {@code unix:PATH} ({@code unix://PATH} too). */
    static String statsdHost(Object v) {
        String h = String.valueOf(v);
        if (h.startsWith("unix:")) {
            return h.replaceFirst("^unix:(//)?", "").isEmpty() ? "'" + h + "' names no socket path" : null;
        }
        if (h.isBlank() || h.startsWith(":")) {
            return "'" + h + "' is not HOST:PORT or unix:PATH";
        }
        return bind(h) == null ? null : "'" + h + "' is not HOST:PORT or unix:PATH";
    }

    /** {@code tag:value,tag2:value2}: no spaces or '|' (they would break the StatsD line). */
    static String dogstatsdTags(Object v) {
        String t = String.valueOf(v);
        return t.matches("[^\\s|#@]*") ? null : "'" + t + "' may not contain spaces, '|', '#' or '@'";
    }

    /** The metrics endpoint's bind: {@code HOST:PORT} (TCP only). */
    static String metricsBind(Object v) {
        String b = String.valueOf(v);
        if (b.startsWith("unix:") || b.startsWith("fd://") || !b.matches(".+:\\d+")) {
            return "'" + b + "' is not HOST:PORT";
        }
        return bind(b);
    }
}
