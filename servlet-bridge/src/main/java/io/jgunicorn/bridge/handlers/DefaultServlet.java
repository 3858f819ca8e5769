package io.jgunicorn.bridge.handlers;

import io.jgunicorn.bridge.deployment.ResourceView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.jetty.http.DateParser;

/**
 * Serves the application's static files from its {@link ResourceView}: ETag and Last-Modified,
 * conditional requests (RFC 9110 section 13.2.2 order), single and multiple byte ranges, HEAD. It
 * never serves WEB-INF/ or META-INF/ and lists no directories (a directory without its trailing
 * slash is redirected to it, as Tomcat does, so relative links in welcome pages work).
 */
public final class DefaultServlet extends HttpServlet {

    /** Files up to this size are kept in memory, as Tomcat's resource cache keeps them. */
    public static final int MAX_CACHED_FILE = 64 * 1024;
    /** ... and up to this much in all, per application (Tomcat's cacheMaxSize is 10 MiB too). */
    static final long MAX_CACHED_BYTES = 10L << 20;

    private final ResourceView resources;
    private final StaticCache cache = new StaticCache(MAX_CACHED_FILE, MAX_CACHED_BYTES);

    /** Serves the application's files: those of the loader's resource view, never the file system itself. */
    public DefaultServlet(ResourceView resources) {
        this.resources = resources;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String method = req.getMethod();
        boolean included = req.getDispatcherType() == DispatcherType.INCLUDE;
        // a forwarded or error dispatch (login page, error page of a POST) serves the file whatever the method
        boolean dispatched = included || req.getDispatcherType() == DispatcherType.FORWARD || req.getDispatcherType() == DispatcherType.ERROR;
        if (!dispatched && !"GET".equals(method) && !"HEAD".equals(method)) {
            resp.setHeader("Allow", "GET, HEAD, OPTIONS");
            if ("OPTIONS".equals(method)) {
                return;
            }
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = resourcePath(req, included);
        ResourceView.Attributes file = isForbidden(path) ? null : resources.attributes(path);
        if (file == null) {
            missing(req, resp, path, included);
            return;
        }
        if (included) {
            java.io.OutputStream out;
            try {
                out = resp.getOutputStream();
            } catch (IllegalStateException writerInUse) {
                writeAsText(resp, path, null, getServletContext().getMimeType(path));
                return;
            }
            try (InputStream in = resources.open(path)) {
                in.transferTo(out);
            }
            return;
        }
        serve(req, resp, path, file);
    }

    private static String resourcePath(HttpServletRequest req, boolean included) {
        String servletPath = included ? (String) req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) : req.getServletPath();
        String pathInfo = included ? (String) req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) : req.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** The request path was already decoded and normalized; these checks are the last line. */
    static boolean isForbidden(String path) {
        String upper = path.toUpperCase(Locale.ROOT);
        return upper.startsWith("/WEB-INF/") || upper.equals("/WEB-INF") || upper.startsWith("/META-INF/") || upper.equals("/META-INF")
                || path.contains("\0") || path.contains("\\") || path.contains("/../") || path.endsWith("/..");
    }

    private void missing(HttpServletRequest req, HttpServletResponse resp, String path, boolean included) throws IOException {
        if (included) {
            throw new FileNotFoundException(path);
        }
        if (!path.endsWith("/") && !isForbidden(path) && resources.list(path + "/") != null) {
            String query = req.getQueryString();
            resp.sendRedirect(req.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /**
     * A large file the resources keep on disk, to a response no filter wrapped: sent by the
     * exchange ({@code sendfile} on plain sockets) instead of copied. False when that does not apply.
     */
    private boolean sendFile(HttpServletResponse resp, String path, long size) throws IOException {
        java.nio.file.Path real = resources.realPath(path);
        if (!(resp instanceof io.jgunicorn.bridge.spec.HttpServletResponseImpl impl) || real == null) {
            return false;
        }
        return impl.sendFile(real, 0, size); // the exchange opens it: the bridge reads no file itself
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, String path, ResourceView.Attributes file) throws IOException {
        StaticCache.Entry cached = cache.get(path, file, resources);
        String etag = cached.etag();
        long lastModified = cached.lastModifiedSeconds() * 1000;
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", cached.lastModifiedHeader());
        resp.setHeader("Accept-Ranges", "bytes");
        int precondition = Preconditions.evaluate(req, etag, lastModified);
        if (precondition != 0) {
            if (precondition == HttpServletResponse.SC_NOT_MODIFIED) {
                resp.setStatus(precondition);
            } else {
                resp.sendError(precondition);
            }
            return;
        }
        String type = getServletContext().getMimeType(path);
        ByteRanges ranges = honoursRange(req, etag, lastModified) ? ByteRanges.parse(req.getHeader("Range"), file.size()) : null;
        if (ranges != null && ranges.unsatisfiable()) {
            resp.setHeader("Content-Range", "bytes */" + file.size());
            resp.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            return;
        }
        if (ranges == null) {
            if (type != null) {
                resp.setContentType(type);
            }
            byte[] bytes = cached.bytes();
            boolean head = "HEAD".equals(req.getMethod());
            java.io.OutputStream out = null;
            if (!head) {
                try {
                    out = resp.getOutputStream();
                } catch (IllegalStateException writerInUse) {
                    // a filter (or the including servlet) took the writer: the file goes through it as
                    // text, as Tomcat's DefaultServlet does, without a length (the encoding may change it)
                    writeAsText(resp, path, bytes, type);
                    return;
                }
            }
            resp.setContentLengthLong(bytes != null ? bytes.length : file.size());
            if (head) {
                return;
            }
            if (bytes != null) {
                out.write(bytes);
            } else if (!sendFile(resp, path, file.size())) {
                try (InputStream in = resources.open(path)) {
                    in.transferTo(out);
                }
            }
        } else if (ranges.ranges().size() == 1) {
            ByteRanges.Range range = ranges.ranges().getFirst();
            resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            if (type != null) {
                resp.setContentType(type);
            }
            resp.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + file.size());
            resp.setContentLengthLong(range.length());
            if (!"HEAD".equals(req.getMethod())) {
                copyRange(path, range, resp.getOutputStream());
            }
        } else {
            multipart(req, resp, path, file.size(), type, ranges);
        }
    }

    /** The file decoded in the charset its type names (UTF-8 otherwise) and written to the response's writer. */
    private void writeAsText(HttpServletResponse resp, String path, byte[] bytes, String type) throws IOException {
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        String named = type == null ? null : org.eclipse.jetty.http.MimeTypes.getCharsetFromContentType(type);
        if (named != null) {
            try {
                charset = java.nio.charset.Charset.forName(named);
            } catch (IllegalArgumentException unknown) {
                // UTF-8, then
            }
        }
        java.io.PrintWriter writer = resp.getWriter();
        if (bytes != null) {
            writer.write(new String(bytes, charset));
        } else {
            try (java.io.Reader in = new java.io.InputStreamReader(resources.open(path), charset)) {
                in.transferTo(writer);
            }
        }
    }

    /** Range applies to GET only; with If-Range, only while the client's validator still matches. */
    private static boolean honoursRange(HttpServletRequest req, String etag, long lastModified) {
        if (!"GET".equals(req.getMethod())) {
            return false;
        }
        String ifRange = req.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(etag);
        }
        return DateParser.parseDate(ifRange) == lastModified;
    }

    private void multipart(HttpServletRequest req, HttpServletResponse resp, String path, long size, String type, ByteRanges ranges)
            throws IOException {
        String boundary = "jgunicorn" + UUID.randomUUID().toString().replace("-", "");
        byte[][] heads = new byte[ranges.ranges().size()][];
        long length = 0;
        for (int i = 0; i < heads.length; i++) {
            ByteRanges.Range range = ranges.ranges().get(i);
            String head = "\r\n--" + boundary + "\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n")
                    + "Content-Range: bytes " + range.first() + "-" + range.last() + "/" + size + "\r\n\r\n";
            heads[i] = head.getBytes(StandardCharsets.ISO_8859_1);
            length += heads[i].length + range.length();
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        resp.setContentType("multipart/byteranges; boundary=" + boundary);
        resp.setContentLengthLong(length + tail.length);
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        ServletOutputStream out = resp.getOutputStream();
        for (int i = 0; i < heads.length; i++) {
            out.write(heads[i]);
            copyRange(path, ranges.ranges().get(i), out);
        }
        out.write(tail);
    }

    private void copyRange(String path, ByteRanges.Range range, ServletOutputStream out) throws IOException {
        try (InputStream in = resources.open(path)) {
            in.skipNBytes(range.first());
            byte[] buffer = new byte[8192];
            long remaining = range.length();
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("resource shrank while being served: " + path);
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }

    /** RFC 9110 section 13.2.2: the order in which preconditions are evaluated. */
    static final class Preconditions {

        private Preconditions() {}

        /** 0 to go on, else 304 or 412. */
        static int evaluate(HttpServletRequest req, String etag, long lastModified) {
            String ifMatch = req.getHeader("If-Match");
            if (ifMatch != null) {
                if (!matches(ifMatch, etag, true)) {
                    return HttpServletResponse.SC_PRECONDITION_FAILED;
                }
            } else {
                long since = date(req, "If-Unmodified-Since");
                if (since >= 0 && lastModified > since) {
                    return HttpServletResponse.SC_PRECONDITION_FAILED;
                }
            }
            boolean safe = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
            String ifNoneMatch = req.getHeader("If-None-Match");
            if (ifNoneMatch != null) {
                if (matches(ifNoneMatch, etag, false)) {
                    return safe ? HttpServletResponse.SC_NOT_MODIFIED : HttpServletResponse.SC_PRECONDITION_FAILED;
                }
            } else if (safe) {
                long since = date(req, "If-Modified-Since");
                if (since >= 0 && lastModified <= since) {
                    return HttpServletResponse.SC_NOT_MODIFIED;
                }
            }
            return 0;
        }

        private static long date(HttpServletRequest req, String name) {
            String value = req.getHeader(name);
            return value == null ? -1 : DateParser.parseDate(value);
        }

        /** Splits an entity-tag list at commas outside quotes (QuotedCSV refuses the W/ prefix). */
        static java.util.List<String> entityTags(String header) {
            java.util.List<String> tags = new java.util.ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (char c : header.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    tags.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            tags.add(current.toString());
            return tags;
        }

        private static boolean matches(String header, String etag, boolean strong) {
            for (String value : entityTags(header)) {
                String candidate = value.trim();
                if (candidate.equals("*")) {
                    return true;
                }
                if (candidate.startsWith("W/")) {
                    if (strong) {
                        continue;
                    }
                    candidate = candidate.substring(2);
                }
                if (candidate.equals(etag)) {
                    return true;
                }
            }
            return false;
        }
    }
}
