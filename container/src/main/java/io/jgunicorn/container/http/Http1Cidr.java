package io.jgunicorn.container.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Matches an address against "1.2.3.4", "10.0.0.0/8" or "::1" entries (no DNS lookups). */
final class Http1Cidr {

    private Http1Cidr() {}

    static boolean matches(String entry, InetAddress address) {
        String e = entry.trim();
        int slash = e.indexOf('/');
        String base = slash < 0 ? e : e.substring(0, slash);
        if (!isLiteral(base)) {
            return false;
        }
        try {
            byte[] want = InetAddress.getByName(base).getAddress();
            byte[] have = address.getAddress();
            if (want.length != have.length) {
                return false;
            }
            int bits = slash < 0 ? want.length * 8 : Integer.parseInt(e.substring(slash + 1));
            for (int i = 0; i < want.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((want[i] & mask) != (have[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException bad) {
            return false;
        }
    }

    /** Only IP literals: a host name here would make every request wait on DNS. */
    private static boolean isLiteral(String s) {
        return !s.isEmpty() && (s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
