package io.jgunicorn.bridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest access authentication (RFC 7616) against the realm's stored {@code H(A1)}: the
 * challenge offers SHA-256 first, then MD5 (what most browsers still answer), {@code qop="auth"}.
 * Nonces are stateless, so a nonce one worker issued is good at the next: a time stamp and its
 * HMAC under a key every worker derives alike (from the realm name and the context path; it is no
 * secret, the nonce only bounds how long an answer is good), for five minutes (Tomcat's
 * {@code nonceValidity}); an expired one gets {@code stale=true}. Nonce counts are not tracked, so
 * an answer may be replayed within those five minutes. {@code userhash} and {@code auth-int} are
 * not offered.
 */
final class DigestAuthenticator {

    private static final long NONCE_VALIDITY_MILLIS = 5 * 60_000;

    private final String realmName;
    private final byte[] key;
    private final String opaque;

    DigestAuthenticator(String realmName, String contextPath) {
        this.realmName = realmName;
        this.key = digest("SHA-256", ("jgunicorn digest nonce:" + contextPath + ":" + realmName));
        this.opaque = hex("SHA-256", "opaque:" + contextPath + ":" + realmName).substring(0, 32);
    }

    /** The user the request's {@code Authorization: Digest ...} proves, or null. */
    UserIdentity authenticate(HttpServletRequest request, Realm realm) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> p = parameters(header.substring(7));
        String username = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(java.util.Locale.ROOT);
        if (username == null || nonce == null || uri == null || response == null || !realmName.equals(p.get("realm"))
                || !(algorithm.equals("MD5") || algorithm.equals("SHA-256")) || "true".equals(p.get("userhash"))
                || nonceAge(nonce) < 0 || nonceAge(nonce) > NONCE_VALIDITY_MILLIS) {
            return null;
        }
        String query = request.getQueryString();
        String requested = request.getRequestURI() + (query == null ? "" : "?" + query);
        if (!uri.equals(requested) && !uri.equals(request.getRequestURI())) {
            return null;
        }
        Realm.DigestCredential credential = realm.digest(username, realmName, algorithm);
        if (credential == null) {
            return null;
        }
        String ha2 = hex(algorithm, request.getMethod() + ":" + uri);
        String qop = p.get("qop");
        String expected;
        if (qop == null) {
            expected = hex(algorithm, credential.ha1() + ":" + nonce + ":" + ha2); // RFC 2069
        } else if (qop.equals("auth") && p.get("nc") != null && p.get("cnonce") != null) {
            expected = hex(algorithm, credential.ha1() + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        } else {
            return null;
        }
        boolean ok = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return ok ? credential.user() : null;
    }

    /** True when the request carried a Digest answer whose nonce has expired (the client should retry, stale=true). */
    boolean stale(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        String nonce = parameters(header.substring(7)).get("nonce");
        return nonce != null && nonceAge(nonce) > NONCE_VALIDITY_MILLIS;
    }

    /** Sends 401 with the challenges. */
    void challenge(HttpServletResponse response, boolean stale) throws java.io.IOException {
        String nonce = newNonce();
        String realm = realmName.replace("\\", "\\\\").replace("\"", "\\\"");
        for (String algorithm : new String[] {"SHA-256", "MD5"}) {
            response.addHeader("WWW-Authenticate", "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm
                    + ", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\"" + (stale ? ", stale=true" : ""));
        }
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    private String newNonce() {
        String time = Long.toString(System.currentTimeMillis());
        return Base64.getEncoder().withoutPadding().encodeToString((time + ":" + mac(time)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Milliseconds since the nonce was issued; -1 when it is not one of ours. */
    private long nonceAge(String nonce) {
        try {
            String decoded = new String(Base64.getDecoder().decode(nonce), StandardCharsets.US_ASCII);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return -1;
            }
            String time = decoded.substring(0, colon);
            if (!MessageDigest.isEqual(mac(time).getBytes(StandardCharsets.US_ASCII), decoded.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
                return -1;
            }
            long age = System.currentTimeMillis() - Long.parseLong(time);
            return age < -60_000 ? -1 : Math.max(0, age);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The auth-param list of an Authorization header: {@code name=token} or {@code name="quoted \" string"}. */
    static Map<String, String> parameters(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                for (i++; i < n && s.charAt(i) != '"'; i++) {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i));
                }
                i++;
            } else {
                for (; i < n && s.charAt(i) != ','; i++) {
                    value.append(s.charAt(i));
                }
            }
            out.putIfAbsent(name, value.toString().strip());
        }
        return out;
    }

    static String hex(String algorithm, String value) {
        return HexFormat.of().formatHex(digest(algorithm, value));
    }

    private static byte[] digest(String algorithm, String value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
