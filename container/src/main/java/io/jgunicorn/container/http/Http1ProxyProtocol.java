package io.jgunicorn.container.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;

/**
 * The PROXY protocol header (HAProxy v1 text, v2 binary) that may precede the first request on a
 * connection. As in Gunicorn it is optional: a connection that starts with a request line is left
 * alone. What it announces replaces the peer address only for peers in {@code proxy_allow_ips}.
 */
final class Http1ProxyProtocol {

    /** Outcome of looking at the connection's first bytes. */
    record Result(boolean complete, InetSocketAddress source) {
        static final Result NEED_MORE = new Result(false, null);
        static final Result NONE = new Result(true, null);
    }

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_MAX = 107;

    private final String mode;
    private final java.util.List<String> allowFrom;
    private final InetSocketAddress socketPeer;

    private Http1ProxyProtocol(Http1Settings settings, InetSocketAddress socketPeer) {
        this.mode = settings.proxyProtocol();
        this.allowFrom = settings.proxyAllowFrom();
        this.socketPeer = socketPeer;
    }

    /**
     * The header a new connection may start with, read once at its setup, before its first head;
     * null when {@code proxy_protocol} is off.
     */
    static Http1ProxyProtocol expected(Http1Settings settings, InetSocketAddress socketPeer) {
        return settings.proxyProtocol().equals("off") ? null : new Http1ProxyProtocol(settings, socketPeer);
    }

    /**
     * Consumes the header, if one is there, from the connection's first bytes. Returns the peer
     * the application should see (the announced source, or {@code socketPeer}) once done; null
     * while more bytes are needed or when it was refused ({@code parser} then holds the error).
     */
    InetSocketAddress read(ByteBuffer in, Http1RequestParser parser) {
        try {
            Result r = parse(in, mode);
            if (!r.complete()) {
                return null;
            }
            if (r.source() == null) {
                return socketPeer;
            }
            if (!Http1Origin.trusted(allowFrom, socketPeer)) {
                parser.fail(403, "PROXY header from a peer not in proxy_allow_ips");
                return null;
            }
            return r.source();
        } catch (HttpException.RuntimeException bad) {
            parser.fail(bad.getCode(), bad.getReason());
            return null;
        }
    }

    /**
     * Consumes a PROXY header from {@code in} if one is there.
     *
     * @param mode {@code v1}, {@code v2} or {@code auto}
     * @throws HttpException.RuntimeException (400) for a malformed header
     */
    static Result parse(ByteBuffer in, String mode) {
        boolean v1 = !mode.equals("v2");
        boolean v2 = !mode.equals("v1");
        if (v1 && startsWith(in, V1_PREFIX)) {
            return in.remaining() < V1_PREFIX.length ? Result.NEED_MORE : parseV1(in);
        }
        if (v2 && startsWith(in, V2_SIGNATURE)) {
            return in.remaining() < V2_SIGNATURE.length ? Result.NEED_MORE : parseV2(in);
        }
        return Result.NONE;
    }

    /** True if the buffered bytes are (a prefix of) {@code sig}. */
    private static boolean startsWith(ByteBuffer in, byte[] sig) {
        int n = Math.min(in.remaining(), sig.length);
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in.get(in.position() + i) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static Result parseV1(ByteBuffer in) {
        int start = in.position();
        int end = -1;
        for (int i = start; i < in.limit() && i - start < V1_MAX; i++) {
            if (in.get(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (in.remaining() >= V1_MAX) {
                throw bad("PROXY line too long");
            }
            return Result.NEED_MORE;
        }
        if (end == start || in.get(end - 1) != '\r') {
            throw bad("PROXY line must end with CRLF");
        }
        String line = StandardCharsets.US_ASCII.decode(in.slice(start, end - 1 - start)).toString();
        in.position(end + 1);
        String[] p = line.split(" ", -1);
        if (p.length >= 2 && p[1].equals("UNKNOWN")) {
            return Result.NONE;
        }
        if (p.length != 6 || !(p[1].equals("TCP4") || p[1].equals("TCP6"))) {
            throw bad("Invalid PROXY line");
        }
        InetAddress src = literal(p[2], p[1].equals("TCP4"));
        literal(p[3], p[1].equals("TCP4"));
        int sport = port(p[4]);
        port(p[5]);
        return new Result(true, new InetSocketAddress(src, sport));
    }

    private static InetAddress literal(String s, boolean v4) {
        boolean looksV4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean looksV6 = s.matches("[0-9A-Fa-f:.]+") && s.contains(":");
        if (v4 ? !looksV4 : !looksV6) {
            throw bad("Invalid address in PROXY line");
        }
        try {
            return InetAddress.getByName(s); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw bad("Invalid address in PROXY line");
        }
    }

    private static int port(String s) {
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535) {
            throw bad("Invalid port in PROXY line");
        }
        return Integer.parseInt(s);
    }

    private static Result parseV2(ByteBuffer in) {
        int p = in.position();
        if (in.remaining() < 16) {
            return Result.NEED_MORE;
        }
        int verCmd = in.get(p + 12) & 0xff;
        int family = in.get(p + 13) & 0xff;
        int len = ((in.get(p + 14) & 0xff) << 8) | (in.get(p + 15) & 0xff);
        if (in.remaining() < 16 + len) {
            return Result.NEED_MORE;
        }
        if (verCmd >> 4 != 2 || (verCmd & 0x0f) > 1) {
            throw bad("Invalid PROXY v2 version or command");
        }
        in.position(p + 16 + len);
        if ((verCmd & 0x0f) == 0) {
            return Result.NONE; // LOCAL: the proxy's own connection, keep the socket's peer
        }
        int addrLen = switch (family >> 4) {
            case 1 -> 4;
            case 2 -> 16;
            default -> 0; // UNSPEC or unix: no usable address
        };
        if (addrLen == 0) {
            return Result.NONE;
        }
        if (len < addrLen * 2 + 4) {
            throw bad("PROXY v2 address block too short");
        }
        byte[] src = new byte[addrLen];
        in.get(p + 16, src);
        int sport = ((in.get(p + 16 + 2 * addrLen) & 0xff) << 8) | (in.get(p + 17 + 2 * addrLen) & 0xff);
        try {
            return new Result(true, new InetSocketAddress(InetAddress.getByAddress(src), sport));
        } catch (UnknownHostException e) {
            throw bad("Invalid PROXY v2 address");
        }
    }

    private static HttpException.RuntimeException bad(String why) {
        return new HttpException.RuntimeException(400, why);
    }
}
