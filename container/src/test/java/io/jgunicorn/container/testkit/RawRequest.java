package io.jgunicorn.container.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request as a client writes it, for {@link RawHttp}: the request line, the headers in the order
 * given, then the body, sized ({@code Content-Length}) or chunked with trailers. It renders to the
 * exact bytes sent; nothing is added but {@code Host: localhost} (unless {@link #host} says otherwise)
 * and the length of a {@link #body}.
 *
 * <pre>{@code
 * RawRequest.of("POST", "/app/form").header("Content-Type", "application/x-www-form-urlencoded").body("a=1")
 * }</pre>
 *
 * <p>{@link #tls} sends it on a connection that is TLS as the application sees it (scheme {@code https},
 * the client's certificates in the session); the bytes themselves are not encrypted.
 */
public final class RawRequest {

    private final String method;
    private final String target;
    private String version = "HTTP/1.1";
    private String host = "localhost";
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;
    private final List<String> trailers = new ArrayList<>();
    private Certificate[] tlsChain;

    private RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public static RawRequest of(String method, String target) {
        return new RawRequest(method, target);
    }

    public static RawRequest get(String target) {
        return of("GET", target);
    }

    /** The request line's version, e.g. {@code HTTP/1.0}. */
    public RawRequest version(String value) {
        version = value;
        return this;
    }

    /** The Host header's value; null sends none. */
    public RawRequest host(String value) {
        host = value;
        return this;
    }

    /** Adds a header line, after those added before (a repeated name is sent twice). */
    public RawRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** A body sent with its {@code Content-Length} (UTF-8 text). */
    public RawRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body sent with its {@code Content-Length}. */
    public RawRequest body(byte[] bytes) {
        body = bytes.clone();
        chunked = false;
        return this;
    }

    /**
     * A body sent {@code Transfer-Encoding: chunked}, one chunk (none when empty), then the trailer
     * lines (e.g. {@code "Digest: x"}).
     */
    public RawRequest chunked(String text, String... trailerLines) {
        body = text.getBytes(StandardCharsets.UTF_8);
        chunked = true;
        trailers.clear();
        trailers.addAll(List.of(trailerLines));
        return this;
    }

    /** Sent over TLS, the client having presented {@code chain} (none: no client certificate). */
    public RawRequest tls(Certificate... chain) {
        tlsChain = chain.clone();
        return this;
    }

    public String method() {
        return method;
    }

    /** The client's certificates when sent over TLS (maybe empty), or null for plain HTTP. */
    Certificate[] tlsChain() {
        return tlsChain == null ? null : tlsChain.clone();
    }

    /** The bytes on the wire. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        boolean framed = false;
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            String name = h[0].toLowerCase(Locale.ROOT);
            framed |= name.equals("content-length") || name.equals("transfer-encoding");
        }
        if (chunked && !framed) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null && !framed) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            if (body.length > 0) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(body);
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            StringBuilder end = new StringBuilder("0\r\n");
            trailers.forEach(t -> end.append(t).append("\r\n"));
            out.writeBytes(end.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version;
    }
}
