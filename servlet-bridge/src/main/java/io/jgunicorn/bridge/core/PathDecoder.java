package io.jgunicorn.bridge.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.URIUtil;

/**
 * Turns the still-encoded path after the context path into the decoded, canonical path servlets are
 * matched against (Servlet 6 section 3.5.2). Suspicious paths are refused rather than guessed: an
 * encoded "/" or "\", a NUL, an encoded "." or ".." segment, invalid UTF-8, or ".." above the root.
 */
public final class PathDecoder {

    private PathDecoder() {}

    /** The decoded canonical path and the session id found in a {@code ;jsessionid=} path parameter. */
    public record DecodedPath(String path, String sessionId) {}

    /** Thrown for a path that must be answered with 400. */
    public static final class BadPathException extends IllegalArgumentException {
        BadPathException(String message) {
            super(message);
        }
    }

    public static DecodedPath decode(String raw, String sessionParameter) {
        if (raw.isEmpty()) {
            return new DecodedPath("", null);
        }
        if (raw.charAt(0) == '/' && plain(raw)) {
            // nothing to decode: splitting and joining again would give raw itself
            String canonical = URIUtil.normalizePath(raw);
            if (canonical == null) {
                throw new BadPathException("path escapes the application");
            }
            return new DecodedPath(canonical, null);
        }
        String sessionId = null;
        StringBuilder decoded = new StringBuilder(raw.length());
        String[] segments = raw.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            int semi = segment.indexOf(';');
            if (semi >= 0) {
                String found = sessionIdIn(segment.substring(semi + 1), sessionParameter);
                sessionId = found != null ? found : sessionId;
                segment = segment.substring(0, semi);
            }
            String value = percentDecode(segment);
            if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
                throw new BadPathException("encoded separator or NUL in path");
            }
            if ((value.equals(".") || value.equals("..")) && !value.equals(segment)) {
                throw new BadPathException("encoded dot segment in path");
            }
            decoded.append('/').append(value);
        }
        if (segments.length > 0 && !segments[0].isEmpty()) {
            throw new BadPathException("path does not start with /");
        }
        String canonical = URIUtil.normalizePath(decoded.toString());
        if (canonical == null) {
            throw new BadPathException("path escapes the application");
        }
        return new DecodedPath(canonical, sessionId);
    }

    /** No escape, path parameter, backslash or NUL: the path is its own decoding. */
    private static boolean plain(String raw) {
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == ';' || c == '\\' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    private static String sessionIdIn(String params, String name) {
        for (String param : params.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).equalsIgnoreCase(name)) {
                return param.substring(eq + 1);
            }
        }
        return null;
    }

    /** Strict percent-decoding as UTF-8; malformed escapes and invalid UTF-8 are errors. */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadPathException("truncated percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadPathException("bad percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadPathException("path is not valid UTF-8");
        }
    }
}
