package io.jgunicorn.container.metrics;

import java.net.InetSocketAddress;

/** {@code HOST[:PORT]} and {@code [V6]:PORT} as the settings write them. */
final class HostPort {

    private HostPort() {}

    static InetSocketAddress parse(String text, int defaultPort) {
        String h = text;
        int port = defaultPort;
        int colon = h.lastIndexOf(':');
        int close = h.indexOf(']');
        if (colon > close && (h.startsWith("[") || h.indexOf(':') == colon)) {
            port = Integer.parseInt(h.substring(colon + 1));
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new InetSocketAddress(h, port);
    }
}
