package io.jgunicorn.bridge.spec;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.util.URIUtil;

/**
 * Location values for sendRedirect. Absolute URLs and network-path references are sent as given; a
 * path starting with "/" is relative to the server root (as the spec says); other relative paths are
 * resolved against the request URI. The result stays a path-absolute reference, which RFC 9110
 * allows, so no Host header has to be trusted.
 */
final class Redirects {

    private Redirects() {}

    static String resolve(HttpServletRequest request, String location) {
        if (location == null) {
            throw new IllegalArgumentException("null location");
        }
        if (hasScheme(location) || location.startsWith("//") || location.startsWith("/")) {
            return location;
        }
        String base = request.getRequestURI();
        String directory = base.substring(0, base.lastIndexOf('/') + 1);
        if (location.isEmpty()) {
            return base;
        }
        if (location.startsWith("?") || location.startsWith("#")) {
            return base + location;
        }
        int query = firstOf(location, '?', '#');
        String path = URIUtil.normalizePath(directory + location.substring(0, query));
        return (path == null ? directory : path) + location.substring(query);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j < 0 ? s.length() : j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    private static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = location.charAt(i);
            boolean ok = Character.isLetter(c) || i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
