package io.jgunicorn.container.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Writes a status line and header fields, refusing anything that could split a response:
 * names must be tokens, values must hold no CR, LF, NUL or other control character but HTAB.
 */
final class Http1ResponseHead {

    static final String SERVER = "jgunicorn";

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
        for (HttpField f : fields) {
            if (!Http1Tokens.isToken(f.getName())) {
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
        StringBuilder sb = new StringBuilder(256);
        sb.append(version).append(' ').append(status).append(' ');
        sb.append(reason != null ? reason : reasonFor(status)).append("\r\n");
        boolean date = false;
        boolean server = false;
        if (fields != null) {
            for (HttpField f : fields) {
                date |= f.getName().equalsIgnoreCase("Date");
                server |= f.getName().equalsIgnoreCase("Server");
                sb.append(f.getName()).append(": ").append(f.getValue() == null ? "" : f.getValue()).append("\r\n");
            }
        }
        if (!date) {
            sb.append("Date: ").append(DateGenerator.formatDate(System.currentTimeMillis())).append("\r\n");
        }
        if (!server) {
            sb.append("Server: ").append(SERVER).append("\r\n");
        }
        sb.append("\r\n");
        // ISO-8859-1: header bytes are octets; validation above already refused control characters
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String reasonFor(int status) {
        String m = HttpStatus.getMessage(status);
        return m == null || m.equals(String.valueOf(status)) ? "Unknown" : m;
    }

    /** Encodes trailer fields after the last chunk. */
    static byte[] encodeTrailers(HttpFields trailers) {
        StringBuilder sb = new StringBuilder("0\r\n");
        if (trailers != null) {
            for (HttpField f : trailers) {
                sb.append(f.getName()).append(": ").append(f.getValue() == null ? "" : f.getValue()).append("\r\n");
            }
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
