package io.jgunicorn.bridge.spec;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.DateGenerator;

/** Formats a {@link Cookie} as an RFC 6265 {@code Set-Cookie} value. */
final class SetCookie {

    private SetCookie() {}

    static String format(Cookie cookie) {
        StringBuilder out = new StringBuilder(64);
        out.append(cookie.getName()).append('=');
        String value = cookie.getValue() == null ? "" : cookie.getValue();
        out.append(needsQuotes(value) && !quotedAlready(value) ? quote(value) : value);
        int maxAge = cookie.getMaxAge();
        if (maxAge == 0) {
            // as Tomcat: "delete it" is an Expires in the past alone (the TCK's setMaxAgeZeroTest wants no Max-Age)
            out.append("; Expires=").append(DateGenerator.formatDate(0));
        } else if (maxAge > 0) {
            out.append("; Max-Age=").append(maxAge);
            out.append("; Expires=").append(DateGenerator.formatDate(System.currentTimeMillis() + maxAge * 1000L));
        }
        appendIf(out, "Domain", cookie.getDomain());
        appendIf(out, "Path", cookie.getPath());
        for (Map.Entry<String, String> attr : cookie.getAttributes().entrySet()) {
            String name = attr.getKey();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "domain", "path", "max-age", "expires", "secure", "httponly", "comment" -> {}
                default -> {
                    out.append("; ").append(name);
                    if (attr.getValue() != null && !attr.getValue().isEmpty()) {
                        out.append('=').append(attr.getValue());
                    }
                }
            }
        }
        if (cookie.getSecure()) {
            out.append("; Secure");
        }
        if (cookie.isHttpOnly()) {
            out.append("; HttpOnly");
        }
        return out.toString();
    }

    private static void appendIf(StringBuilder out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.append("; ").append(name).append('=').append(value);
        }
    }

    /** RFC 6265 cookie-octets exclude controls, space, DQUOTE, comma, semicolon and backslash. */
    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** {@code "..."} around cookie-octets: a quoted cookie-value of RFC 6265 (a request's quoted cookie sent back), sent as it is. */
    private static boolean quotedAlready(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                && !needsQuotes(value.substring(1, value.length() - 1));
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
