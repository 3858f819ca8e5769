package io.jgunicorn.container.http;

import java.util.Locale;
import org.eclipse.jetty.http.HttpException;

/** RFC 9110 token and field-value rules, for Gunicorn's method checks and for response headers. */
final class Http1Tokens {

    private Http1Tokens() {}

    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gunicorn's method rules: a token; unless {@code permit_unconventional_http_method}, no lower
     * case or '#' and 3 to 20 characters. Returns the method, upper-cased under casefold_http_method.
     */
    static String checkMethod(String method, Http1Settings s) {
        if (!s.permitUnconventionalHttpMethod()) {
            boolean bad = method.length() < 3 || method.length() > 20;
            for (int i = 0; i < method.length() && !bad; i++) {
                char c = method.charAt(i);
                bad = c >= 'a' && c <= 'z' || c == '#';
            }
            if (bad) {
                throw new HttpException.RuntimeException(400, "Invalid request method");
            }
        }
        if (!isToken(method)) {
            throw new HttpException.RuntimeException(400, "Invalid request method");
        }
        return s.casefoldHttpMethod() ? method.toUpperCase(Locale.ROOT) : method;
    }

    /**
     * RFC 9112 s3.2 request-target forms: origin ("/..."), absolute (http/https only), asterisk for
     * OPTIONS only. CONNECT (authority form) is a tunnel this server does not offer: 501.
     */
    static void checkTarget(String method, String target) {
        if (method.equals("CONNECT")) {
            throw new HttpException.RuntimeException(501, "CONNECT not supported");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                // RFC 9112 s3.2: a target is ASCII; raw UTF-8 bytes mean the client skipped encoding
                throw new HttpException.RuntimeException(400, "Invalid character in request target");
            }
        }
        if (target.startsWith("/")) {
            return;
        }
        if (target.equals("*")) {
            if (method.equals("OPTIONS")) {
                return;
            }
            throw new HttpException.RuntimeException(400, "Asterisk target is for OPTIONS only");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return;
        }
        throw new HttpException.RuntimeException(400, "Invalid request target");
    }

    /** Refuses control characters other than HTAB in a request field value (RFC 9110 s5.5). */
    static void checkFieldValue(String value) {
        if (!isFieldValue(value)) {
            throw new HttpException.RuntimeException(400, "Invalid header field value");
        }
    }

    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
