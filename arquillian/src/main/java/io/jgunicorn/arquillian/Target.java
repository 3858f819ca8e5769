package io.jgunicorn.arquillian;

import java.net.URI;

/** Where a deployed archive answers: the server's host and port, and whether it speaks TLS. */
record Target(String host, int port, boolean secure) {

    static Target of(URI base) {
        return new Target(base.getHost(), base.getPort(), base.getScheme().equals("https"));
    }

    URI uri(String path) {
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + port + path);
    }
}
