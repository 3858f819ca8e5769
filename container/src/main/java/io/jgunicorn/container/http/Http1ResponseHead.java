package io.jgunicorn.container.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Writes a status line and header fields, refusing anything that could split a response:
 * names must be tokens, values must hold no CR, LF, NUL or other control character but HTAB.
 * The common parts come from cached bytes: status lines with their standard reason, the names of
 * known headers, the Date line (rebuilt once a second) and the Server line.
 */
final class Http1ResponseHead {

    static final String SERVER = "jgunicorn";
    private static final byte[] SERVER_LINE = ("Server: " + SERVER + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] STATUS_11 = new byte[600][];
    private static final byte[][] STATUS_10 = new byte[600][];
    private static final byte[] COLON_SPACE = {':', ' '};

    /** The Date line of the current second. */
    private record DateLine(long second, byte[] bytes) {}

    private static volatile DateLine date = new DateLine(-1, null);

    private Http1ResponseHead() {}

    /** Thrown before a byte is written when the application's headers are not writable. */
    static final class InvalidHeaderException extends IOException {
        InvalidHeaderException(String message) {
            super(message);
        }
    }

    static void validate(HttpFields fields) throws InvalidHeaderException {
        if (fields == null) {
            return;
        }
        for (int i = 0, n = fields.size(); i < n; i++) {
            HttpField f = fields.getField(i);
            // a known header's name was checked when its HttpHeader was made
            if (f.getHeader() == null && !Http1Tokens.isToken(f.getName())) {
                throw new InvalidHeaderException("Invalid response header name: " + printable(f.getName()));
            }
            String v = f.getValue();
            if (v != null && !Http1Tokens.isFieldValue(v)) {
                throw new InvalidHeaderException("Invalid value for response header " + f.getName());
            }
        }
    }

    static void validateReason(String reason) throws InvalidHeaderException {
        if (reason != null && !Http1Tokens.isFieldValue(reason)) {
            throw new InvalidHeaderException("Invalid reason phrase");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    /** The head as bytes: status line, the given fields, then Date and Server unless present. */
    static byte[] encode(String version, int status, String reason, HttpFields fields) {
        Http1Wire w = new Http1Wire();
        w.bytes = new byte[256];
        encode(w, version, status, reason, fields);
        return java.util.Arrays.copyOf(w.bytes, w.length);
    }

    /** Appends the head to {@code w}. */
    static void encode(Http1Wire w, String version, int status, String reason, HttpFields fields) {
        statusLine(w, version, status, reason);
        boolean hasDate = false;
        boolean hasServer = false;
        if (fields != null) {
            for (int i = 0, n = fields.size(); i < n; i++) {
                HttpField f = fields.getField(i);
                HttpHeader h = f.getHeader();
                String name = f.getName();
                if (h != null && name.equals(h.asString())) { // the application's spelling is the usual one
                    hasDate |= h == HttpHeader.DATE;
                    hasServer |= h == HttpHeader.SERVER;
                    w.put(h.getBytesColonSpace());
                } else {
                    hasDate |= name.equalsIgnoreCase("Date");
                    hasServer |= name.equalsIgnoreCase("Server");
                    w.latin1(name).put(COLON_SPACE);
                }
                String v = f.getValue();
                if (v != null) {
                    w.latin1(v);
                }
                w.crlf();
            }
        }
        if (!hasDate) {
            w.put(dateLine());
        }
        if (!hasServer) {
            w.put(SERVER_LINE);
        }
        w.crlf();
    }

    private static void statusLine(Http1Wire w, String version, int status, String reason) {
        boolean v11 = "HTTP/1.1".equals(version);
        boolean cacheable = reason == null && status >= 100 && status < 600 && (v11 || "HTTP/1.0".equals(version));
        if (cacheable) {
            byte[][] cache = v11 ? STATUS_11 : STATUS_10;
            byte[] line = cache[status];
            if (line == null) {
                line = (version + " " + status + " " + reasonFor(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                cache[status] = line;
            }
            w.put(line);
            return;
        }
        w.latin1(version).latin1(" ").latin1(Integer.toString(status)).latin1(" ")
                .latin1(reason != null ? reason : reasonFor(status)).crlf();
    }

    private static byte[] dateLine() {
        long now = System.currentTimeMillis();
        long second = now / 1000;
        DateLine d = date;
        if (d.second() != second) {
            d = new DateLine(second, ("Date: " + DateGenerator.formatDate(now) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            date = d;
        }
        return d.bytes();
    }

    static String reasonFor(int status) {
        String m = HttpStatus.getMessage(status);
        return m == null || m.equals(String.valueOf(status)) ? "Unknown" : m;
    }

    /** Encodes trailer fields after the last chunk. */
    static byte[] encodeTrailers(HttpFields trailers) {
        Http1Wire w = new Http1Wire();
        w.bytes = new byte[64];
        encodeTrailers(w, trailers);
        return java.util.Arrays.copyOf(w.bytes, w.length);
    }

    /** Appends the last chunk and the trailer fields to {@code w}. */
    static void encodeTrailers(Http1Wire w, HttpFields trailers) {
        w.latin1("0").crlf();
        if (trailers != null) {
            for (HttpField f : trailers) {
                w.latin1(f.getName()).put(COLON_SPACE).latin1(f.getValue() == null ? "" : f.getValue()).crlf();
            }
        }
        w.crlf();
    }
}
