package io.jgunicorn.bridge.spec;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.util.URIUtil;

/**
 * Location values for sendRedirect. Absolute URLs are sent as given; a path starting with "/" is
 * relative to the server root (as the spec says); other relative paths are resolved against the
 * request URI. By default the result stays a path-absolute reference (and a network-path reference
 * stays one), which RFC 9110 allows, so no Host header has to be trusted: Tomcat's default
 * ({@code useRelativeRedirects}). With {@code absolute} it becomes an absolute URL from the request's
 * scheme, server name and port, as the Servlet Javadoc asks when no container option says otherwise
 * and as Tomcat does under {@code STRICT_SERVLET_COMPLIANCE} (how it runs the TCK).
 */
final class Redirects {

    private Redirects() {}

    static String resolve(HttpServletRequest request, String location, boolean absolute) {
        if (location == null) {
            throw new IllegalArgumentException("null location");
        }
        if (hasScheme(location)) {
            return location;
        }
        if (location.startsWith("//")) {
            return absolute ? request.getScheme() + ":" + location : location;
        }
        String path = pathAbsolute(request, location);
        return absolute ? origin(request) + path : path;
    }

    /** scheme://host[:port], the port left out when it is the scheme's default. */
    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        StringBuilder out = new StringBuilder(scheme).append("://");
        out.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        boolean defaultPort = port <= 0 || "http".equalsIgnoreCase(scheme) && port == 80 || "https".equalsIgnoreCase(scheme) && port == 443;
        if (!defaultPort) {
            out.append(':').append(port);
        }
        return out.toString();
    }

    private static String pathAbsolute(HttpServletRequest request, String location) {
        if (location.startsWith("/")) {
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
