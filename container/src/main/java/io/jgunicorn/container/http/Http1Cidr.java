package io.jgunicorn.container.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Matches an address against "1.2.3.4", "10.0.0.0/8" or "::1" entries (no DNS lookups). */
final class Http1Cidr {

    private Http1Cidr() {}

    /** A parsed entry: the network's address bytes and prefix length. */
    private record Net(byte[] address, int bits) {}

    /**
     * Entries come from settings (a handful), so each is parsed once: parsing an address per request
     * showed up in profiles of the hot path.
     */
    private static final Map<String, Optional<Net>> PARSED = new ConcurrentHashMap<>();

    static boolean matches(String entry, InetAddress address) {
        Net net = PARSED.computeIfAbsent(entry, Http1Cidr::parse).orElse(null);
        if (net == null) {
            return false;
        }
        byte[] have = address.getAddress();
        if (net.address().length != have.length) {
            return false;
        }
        int bits = net.bits();
        for (int i = 0; i < have.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((net.address()[i] & mask) != (have[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Net> parse(String entry) {
        String e = entry.trim();
        int slash = e.indexOf('/');
        String base = slash < 0 ? e : e.substring(0, slash);
        if (!isLiteral(base)) {
            return Optional.empty();
        }
        try {
            byte[] want = InetAddress.getByName(base).getAddress();
            return Optional.of(new Net(want, slash < 0 ? want.length * 8 : Integer.parseInt(e.substring(slash + 1))));
        } catch (UnknownHostException | NumberFormatException bad) {
            return Optional.empty();
        }
    }

    /** Only IP literals: a host name here would make every request wait on DNS. */
    private static boolean isLiteral(String s) {
        return !s.isEmpty() && (s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
