package io.jgunicorn.container.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.QuotedCSV;

/**
 * The client-side hop of RFC 7239 {@code Forwarded}, or else {@code X-Forwarded-For/-Proto/-Host}.
 * The first element is the one the outermost proxy saw (the original client).
 */
record Http1Forwarded(String forIp, int forPort, String proto, String host) {

    static Http1Forwarded parse(HttpFields h) {
        String forwarded = h.get(HttpHeader.FORWARDED);
        if (forwarded != null) {
            return rfc7239(forwarded);
        }
        String xff = first(h.get(HttpHeader.X_FORWARDED_FOR));
        return new Http1Forwarded(xff, 0, first(h.get(HttpHeader.X_FORWARDED_PROTO)),
                first(h.get(HttpHeader.X_FORWARDED_HOST)));
    }

    private static String first(String list) {
        if (list == null) {
            return null;
        }
        String f = list.split(",")[0].trim();
        return f.isEmpty() ? null : f;
    }

    private static Http1Forwarded rfc7239(String value) {
        String element = value.split(",")[0];
        String forIp = null;
        int forPort = 0;
        String proto = null;
        String host = null;
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = pair.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            String v = QuotedCSV.unquote(pair.substring(eq + 1).trim());
            switch (k) {
                case "for" -> {
                    String[] hp = splitNode(v);
                    forIp = hp[0];
                    forPort = hp[1] == null ? 0 : parsePort(hp[1]);
                }
                case "proto" -> proto = v;
                case "host" -> host = v;
                default -> { }
            }
        }
        if (forIp != null && (forIp.equalsIgnoreCase("unknown") || forIp.startsWith("_"))) {
            forIp = null; // obfuscated identifiers are not addresses
        }
        return new Http1Forwarded(forIp, forPort, proto, host);
    }

    private static String[] splitNode(String v) {
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            String ip = close < 0 ? v.substring(1) : v.substring(1, close);
            String port = close >= 0 && close + 1 < v.length() && v.charAt(close + 1) == ':' ? v.substring(close + 2) : null;
            return new String[] {ip, port};
        }
        int colon = v.indexOf(':');
        return colon < 0 ? new String[] {v, null} : new String[] {v.substring(0, colon), v.substring(colon + 1)};
    }

    private static int parsePort(String p) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException obfuscated) {
            return 0;
        }
    }
}
