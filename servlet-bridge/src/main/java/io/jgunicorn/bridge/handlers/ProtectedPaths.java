package io.jgunicorn.bridge.handlers;

/**
 * The container's door (Servlet 6.1 section 10.5): no request from a client reaches anything under
 * {@code /WEB-INF} or {@code /META-INF}, whichever servlet is mapped, even one at {@code /} or
 * {@code /*}. The path checked is the decoded, normalized one {@link PathDecoder} gives (path
 * parameters dropped, dot segments resolved, encoded dots and separators already refused), so
 * {@code /a/../%57EB-INF;x=1/web.xml} is caught as {@code /WEB-INF/web.xml}; the names are compared
 * ignoring case, and empty segments before them ({@code //WEB-INF}) do not hide them. Such a request
 * gets the 404 an unmapped path gets (after security constraints, with the application's error
 * page), as in Tomcat. Forwards and includes into {@code /WEB-INF} are the application's own and
 * stay allowed.
 */
final class ProtectedPaths {

    private ProtectedPaths() {}

    /** True when {@code path} (decoded, normalized, starting with "/") is under WEB-INF or META-INF. */
    static boolean refuses(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        int end = path.indexOf('/', start);
        String first = path.substring(start, end < 0 ? path.length() : end);
        return first.equalsIgnoreCase("WEB-INF") || first.equalsIgnoreCase("META-INF");
    }
}
