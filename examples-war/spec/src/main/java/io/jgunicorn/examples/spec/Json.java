package io.jgunicorn.examples.spec;

import java.util.Collection;
import java.util.Map;

/** A tiny JSON writer for the answers (strings, numbers, booleans, null, maps, collections). */
final class Json {

    private Json() {}

    static String of(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                write(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
                first = false;
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ",");
                write(sb, o);
                first = false;
            }
            sb.append(']');
        } else if (v instanceof Object[] a) {
            write(sb, java.util.Arrays.asList(a));
        } else {
            String s = String.valueOf(v);
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            sb.append('"');
        }
    }

    static void send(jakarta.servlet.http.HttpServletResponse resp, Object v) throws java.io.IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(of(v));
    }
}
