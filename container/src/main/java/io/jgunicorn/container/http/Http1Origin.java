package io.jgunicorn.container.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.HostPort;

/**
 * Who the application should think the client is and what it addressed: the peer and Host header,
 * corrected by {@code secure_scheme_headers} (and, when opted in, Forwarded / X-Forwarded-*) only
 * when the peer is listed in {@code forwarded_allow_ips}.
 */
record Http1Origin(InetSocketAddress remote, String scheme, String host, int port) {

    static Http1Origin of(Http1Settings s, InetSocketAddress peer, InetSocketAddress local, HttpFields h) {
        return of(s, peer, local, h, false);
    }

    /** @param tls the connection itself is TLS: the scheme is https whatever the headers say */
    static Http1Origin of(Http1Settings s, InetSocketAddress peer, InetSocketAddress local, HttpFields h,
            boolean tls) {
        boolean trusted = trusted(s.forwardedAllowIps(), peer);
        String scheme = tls || trusted && secure(s.secureSchemeHeaders(), h) ? "https" : "http";
        InetSocketAddress remote = peer;
        String hostHeader = h.get(HttpHeader.HOST);
        if (trusted && s.forwardedHeaders()) {
            Http1Forwarded fwd = Http1Forwarded.parse(h);
            if (fwd.proto() != null) {
                scheme = fwd.proto().toLowerCase(Locale.ROOT);
            }
            if (fwd.host() != null) {
                hostHeader = fwd.host();
            }
            if (fwd.forIp() != null) {
                remote = address(fwd.forIp(), fwd.forPort());
            }
        }
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        if (hostHeader != null && !hostHeader.isBlank()) {
            try {
                HostPort hp = new HostPort(hostHeader.trim());
                return new Http1Origin(remote, scheme, hp.getHost(), hp.getPort(defaultPort));
            } catch (IllegalArgumentException bad) {
                // fall through to the local address: a bad Host must not fail the request here
            }
        }
        String host = local == null ? "localhost" : local.getHostString();
        int port = local == null ? defaultPort : local.getPort();
        return new Http1Origin(remote, scheme, host, port);
    }

    /** True when the origin depends on the peer and the Host header only: no scheme or forwarded header applies. */
    static boolean headerFree(Http1Settings s, HttpFields h) {
        if (s.forwardedHeaders()) {
            return false;
        }
        for (String name : s.secureSchemeHeaders().keySet()) {
            if (h.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * As Gunicorn: each scheme header present says https (its value matches) or http (it does not);
     * two that disagree ({@code X-Forwarded-Proto: https} with {@code X-Forwarded-Ssl: off}) are a
     * bad request, never a guess.
     */
    private static boolean secure(Map<String, String> secureHeaders, HttpFields h) {
        Boolean secure = null;
        for (var e : secureHeaders.entrySet()) {
            String v = h.get(e.getKey());
            if (v == null) {
                continue;
            }
            boolean says = v.trim().equalsIgnoreCase(e.getValue());
            if (secure != null && secure != says) {
                throw new SchemeConflict();
            }
            secure = says;
        }
        return secure != null && secure;
    }

    /** A forwarded client address: an IP literal stays an address (no DNS); anything else is kept as a name. */
    private static InetSocketAddress address(String ip, int port) {
        try {
            // named by the literal as sent, so getHostString() keeps its spelling ("2001:db8::1")
            return new InetSocketAddress(InetAddress.getByAddress(ip, InetAddress.ofLiteral(ip).getAddress()), port);
        } catch (IllegalArgumentException | java.net.UnknownHostException notAnIpLiteral) {
            return InetSocketAddress.createUnresolved(ip, port);
        }
    }

    /** Scheme headers of a trusted peer contradict each other: Gunicorn's InvalidSchemeHeaders (400). */
    static final class SchemeConflict extends IllegalArgumentException {
        SchemeConflict() {
            super("Contradictory scheme headers");
        }
    }

    /** True when {@code peer} is in the list ({@code *} trusts everyone; entries may be CIDR). */
    static boolean trusted(List<String> allow, InetSocketAddress peer) {
        if (allow.contains("*")) {
            return true;
        }
        if (peer == null || peer.getAddress() == null) {
            return false;
        }
        InetAddress a = peer.getAddress();
        for (String entry : allow) {
            if (Http1Cidr.matches(entry, a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection's last origin, given again while nothing it depends on changed (same Host, no
     * scheme or forwarded headers), as on a keep-alive connection it nearly always is.
     */
    static final class Last {
        private String host;
        private Http1Origin origin;
        private boolean plain;

        Http1Origin of(Http1Settings s, InetSocketAddress peer, InetSocketAddress local, HttpFields h, boolean tls) {
            String hostHeader = h.get(HttpHeader.HOST);
            boolean headerFree = headerFree(s, h);
            if (headerFree && plain && origin != null && hostHeader != null && hostHeader.equals(host)) {
                return origin;
            }
            origin = Http1Origin.of(s, peer, local, h, tls);
            host = hostHeader;
            plain = headerFree;
            return origin;
        }
    }
}
