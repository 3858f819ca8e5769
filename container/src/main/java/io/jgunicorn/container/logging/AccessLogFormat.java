package io.jgunicorn.container.logging;

import io.jgunicorn.container.lifecycle.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpFields;

/**
 * Gunicorn's {@code access_log_format}: Python %-formatting over a dict of atoms
 * ({@code %(h)s}, {@code %({user-agent}i)s}, ...). The format is parsed once into parts; an
 * unknown atom renders as {@code -}, as Gunicorn's atom dict does.
 */
public final class AccessLogFormat {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ROOT);
    private static final String PID = "<" + ProcessHandle.current().pid() + ">";

    private final List<Function<RequestRecord, String>> parts;
    private final Function<String, String> env;
    private final ZoneId zone;

    private AccessLogFormat(List<Function<RequestRecord, String>> parts, Function<String, String> env, ZoneId zone) {
        this.parts = parts;
        this.env = env;
        this.zone = zone;
    }

    /** Parses a format; {@code %(x)s}, {@code %(x)d} and {@code %%} are recognised, the rest is literal. */
    public static AccessLogFormat parse(String format) {
        return parse(format, System::getenv, ZoneId.systemDefault());
    }

    static AccessLogFormat parse(String format, Function<String, String> env, ZoneId zone) {
        List<Function<RequestRecord, String>> parts = new ArrayList<>();
        AccessLogFormat f = new AccessLogFormat(parts, env, zone);
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int close = c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '(' ? format.indexOf(')', i) : -1;
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
            } else if (close > 0 && close + 1 < format.length()) {
                flush(literal, parts);
                String atom = format.substring(i + 2, close);
                parts.add(r -> f.atom(atom, r));
                i = close + 2; // skips the conversion letter (s or d)
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        return f;
    }

    private static void flush(StringBuilder literal, List<Function<RequestRecord, String>> parts) {
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add(r -> text);
            literal.setLength(0);
        }
    }

    /** One access log line for a finished request. */
    public String format(RequestRecord r) {
        StringBuilder sb = new StringBuilder();
        for (var p : parts) {
            sb.append(p.apply(r));
        }
        return sb.toString();
    }

    /** The value of one atom, {@code -} when it has none. */
    String atom(String name, RequestRecord r) {
        if (name.length() > 2 && name.startsWith("{") && name.charAt(name.length() - 2) == '}') {
            String key = name.substring(1, name.length() - 2);
            return switch (name.charAt(name.length() - 1)) {
                case 'i' -> header(r.requestHeaders(), key);
                case 'o' -> header(r.responseHeaders(), key);
                case 'e' -> dash(environ(key, r));
                default -> "-";
            };
        }
        long micros = r.durationNanos() / 1_000;
        return switch (name) {
            case "h" -> dash(r.remoteAddress());
            case "l" -> "-";
            case "u" -> user(r.requestHeaders());
            case "t" -> CLF.format(end(r).atZone(zone));
            case "r" -> r.method() == null ? "-" : r.method() + " " + r.target() + " " + r.protocol();
            case "m" -> dash(r.method());
            case "U" -> path(r.target());
            case "q" -> query(r.target());
            case "H" -> dash(r.protocol());
            case "s" -> Integer.toString(r.status());
            case "B" -> Long.toString(bytes(r));
            case "b" -> bytes(r) > 0 ? Long.toString(bytes(r)) : "-";
            case "f" -> header(r.requestHeaders(), "referer");
            case "a" -> header(r.requestHeaders(), "user-agent");
            case "T" -> Long.toString(micros / 1_000_000);
            case "M" -> Long.toString(Math.round(micros / 1000.0));
            case "D" -> Long.toString(micros);
            case "L" -> String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
            case "p" -> PID;
            default -> "-";
        };
    }

    /**
     * {@code %({VAR}e)s}: as in Gunicorn, the request's WSGI-environ-like values first (REMOTE_ADDR,
     * REQUEST_METHOD, PATH_INFO, QUERY_STRING, RAW_URI, SERVER_PROTOCOL, SERVER_NAME, SERVER_PORT,
     * CONTENT_TYPE, CONTENT_LENGTH, HTTP_*; names are case-insensitive), then the process's
     * environment variables.
     */
    private String environ(String key, RequestRecord r) {
        String k = key.toUpperCase(Locale.ROOT);
        String v = switch (k) {
            case "REMOTE_ADDR" -> r.remoteAddress();
            case "REQUEST_METHOD" -> r.method();
            case "PATH_INFO" -> r.target() == null ? null : path(r.target());
            case "QUERY_STRING" -> r.target() == null ? null : query(r.target());
            case "RAW_URI" -> r.target();
            case "SERVER_PROTOCOL" -> r.protocol();
            case "SERVER_NAME", "SERVER_PORT" -> hostPart(r.requestHeaders(), k.equals("SERVER_NAME"));
            case "CONTENT_TYPE", "CONTENT_LENGTH" -> r.requestHeaders() == null ? null
                    : r.requestHeaders().get(k.replace('_', '-'));
            default -> k.startsWith("HTTP_") && r.requestHeaders() != null
                    ? joined(r.requestHeaders(), k.substring(5).replace('_', '-')) : null;
        };
        return v != null ? v : env.apply(key);
    }

    private static String joined(HttpFields h, String name) {
        List<String> values = h.getValuesList(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static String hostPart(HttpFields h, boolean name) {
        String host = h == null ? null : h.get("host");
        if (host == null || host.isBlank()) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && colon > host.lastIndexOf(']');
        return name ? (hasPort ? host.substring(0, colon) : host) : (hasPort ? host.substring(colon + 1) : null);
    }

    /** Every atom by a readable name, for the JSON access log; numbers stay numbers. */
    public Map<String, Object> fields(RequestRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", end(r).toString());
        m.put("remote_addr", dash(r.remoteAddress()));
        m.put("user", user(r.requestHeaders()));
        m.put("request", atom("r", r));
        m.put("method", dash(r.method()));
        m.put("path", path(r.target()));
        m.put("query", query(r.target()));
        m.put("protocol", dash(r.protocol()));
        m.put("status", r.status());
        m.put("bytes", bytes(r));
        m.put("referer", header(r.requestHeaders(), "referer"));
        m.put("user_agent", header(r.requestHeaders(), "user-agent"));
        m.put("duration_s", Double.parseDouble(atom("L", r)));
        m.put("duration_ms", Long.parseLong(atom("M", r)));
        m.put("duration_us", r.durationNanos() / 1_000);
        m.put("pid", ProcessHandle.current().pid());
        m.put("request_id", dash(r.requestId()));
        return m;
    }

    private static Instant end(RequestRecord r) {
        return r.start().plusNanos(r.durationNanos());
    }

    private static long bytes(RequestRecord r) {
        return r.bodyBytes() >= 0 ? r.bodyBytes() : r.responseBytes();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String header(HttpFields h, String name) {
        if (h == null) {
            return "-";
        }
        List<String> values = h.getValuesList(name);
        return values.isEmpty() ? "-" : String.join(",", values);
    }

    /** As Gunicorn: the user name of HTTP Basic credentials, else {@code -}. */
    private static String user(HttpFields h) {
        String auth = h == null ? null : h.get("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "-";
        }
        try {
            String creds = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = creds.indexOf(':');
            return dash(colon < 0 ? null : creds.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return "-";
        }
    }

    private static String path(String target) {
        if (target == null) {
            return "-";
        }
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && !t.startsWith("/")) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    private static String query(String target) {
        int q = target == null ? -1 : target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }
}
