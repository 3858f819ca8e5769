package io.jgunicorn.container.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP/1.1 layer's settings under Gunicorn's names, typed once, with Gunicorn's defaults.
 *
 * @param limitRequestLine      max request-line bytes; 0 means unlimited
 * @param limitRequestFields    max header fields
 * @param limitRequestFieldSize max bytes of one header line (0 means 8190, as Gunicorn's code does)
 * @param limitRequestBody      max request body bytes (413); 0 means unlimited
 * @param keepaliveSeconds      idle time between requests on a kept-alive connection; 0 disables keep-alive
 * @param timeoutSeconds        how long a request head or body may stall before the connection is cut
 * @param headerMap             {@code drop}, {@code refuse} or {@code dangerous} for '_' in header names
 * @param forwardedAllowIps     peers whose scheme headers are trusted ({@code *} trusts all)
 * @param secureSchemeHeaders   header name (upper case) to the value meaning https
 * @param forwardedHeaders      opt-in: honour Forwarded / X-Forwarded-For/-Host from trusted peers
 * @param proxyProtocol         {@code off}, {@code v1}, {@code v2} or {@code auto}
 * @param proxyAllowFrom        peers allowed to send a PROXY header ({@code proxy_allow_ips}, CLI --proxy-allow-from)
 * @param maxDrainBytes         unread request body the server reads away to keep a connection (else closes)
 * @param allowedTrailerNames   lower-case trailer names applications see; null passes every trailer
 * @param requestIdHeader       the request header whose value becomes the request id, or null for none
 */
public record Http1Settings(
        int limitRequestLine,
        int limitRequestFields,
        int limitRequestFieldSize,
        long limitRequestBody,
        int keepaliveSeconds,
        int timeoutSeconds,
        boolean permitObsoleteFolding,
        boolean permitUnconventionalHttpMethod,
        boolean casefoldHttpMethod,
        boolean stripHeaderSpaces,
        String headerMap,
        List<String> forwardedAllowIps,
        Map<String, String> secureSchemeHeaders,
        boolean forwardedHeaders,
        String proxyProtocol,
        List<String> proxyAllowFrom,
        long maxDrainBytes,
        Set<String> allowedTrailerNames,
        String requestIdHeader) {

    public static final int DEFAULT_FIELD_SIZE = 8190;

    public Http1Settings {
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
        secureSchemeHeaders = Map.copyOf(secureSchemeHeaders);
        proxyAllowFrom = List.copyOf(proxyAllowFrom);
        allowedTrailerNames = allowedTrailerNames == null ? null : Set.copyOf(allowedTrailerNames);
        if (limitRequestFieldSize <= 0) {
            limitRequestFieldSize = DEFAULT_FIELD_SIZE;
        }
    }

    /** Gunicorn's defaults. */
    public static Http1Settings defaults() {
        return from(Map.of());
    }

    /** Reads the settings by their Gunicorn names; anything absent takes Gunicorn's default. */
    public static Http1Settings from(Map<String, String> s) {
        return new Http1Settings(
                integer(s, "limit_request_line", 4094),
                integer(s, "limit_request_fields", 100),
                integer(s, "limit_request_field_size", DEFAULT_FIELD_SIZE),
                integer(s, "limit_request_body", 0),
                integer(s, "keepalive", 2),
                integer(s, "timeout", 30),
                bool(s, "permit_obsolete_folding"),
                bool(s, "permit_unconventional_http_method"),
                bool(s, "casefold_http_method"),
                bool(s, "strip_header_spaces"),
                s.getOrDefault("header_map", "drop").trim().toLowerCase(Locale.ROOT),
                list(s.getOrDefault("forwarded_allow_ips", "127.0.0.1,::1")),
                schemeHeaders(s.get("secure_scheme_headers")),
                bool(s, "forwarded_headers"),
                proxyProtocol(s.getOrDefault("proxy_protocol", "off")),
                list(s.getOrDefault("proxy_allow_ips", s.getOrDefault("proxy_allow_from", "127.0.0.1,::1"))),
                integer(s, "max_drain_bytes", 1 << 20),
                trailerNames(s.getOrDefault("allowed_trailer_names", "*")),
                blankToNull(s.getOrDefault("request_id_header", "X-Request-ID")));
    }

    private static int integer(Map<String, String> s, String name, int fallback) {
        String v = s.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static boolean bool(Map<String, String> s, String name) {
        String v = s.get(name);
        return v != null && switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            default -> false;
        };
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<String> list(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** {@code *} (anywhere in the list) passes every name: null; else the names in lower case. */
    private static Set<String> trailerNames(String v) {
        List<String> names = list(v);
        if (names.contains("*")) {
            return null;
        }
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether an application may see the trailer field of this lower-case name. */
    public boolean trailerAllowed(String lowerCaseName) {
        return allowedTrailerNames == null || allowedTrailerNames.contains(lowerCaseName);
    }

    private static String proxyProtocol(String v) {
        String p = v.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "", "true", "1", "yes", "on", "auto" -> p.isEmpty() ? "off" : "auto";
            case "false", "0", "no", "off", "none" -> "off";
            case "v1", "v2" -> p;
            default -> throw new IllegalArgumentException("proxy_protocol must be off, v1, v2 or auto: " + v);
        };
    }

    /**
     * Gunicorn's default, or "NAME: value, NAME: value" (the CLI's spelling; a JSON-ish dict is
     * accepted too since the quotes and braces are stripped).
     */
    private static Map<String, String> schemeHeaders(String v) {
        if (v == null || v.isBlank()) {
            return Map.of("X-FORWARDED-PROTOCOL", "ssl", "X-FORWARDED-PROTO", "https", "X-FORWARDED-SSL", "on");
        }
        var out = new java.util.LinkedHashMap<String, String>();
        for (String pair : v.replaceAll("[{}\"']", "").split(",")) {
            int colon = pair.indexOf(pair.contains(":") ? ':' : '=');
            if (colon > 0) {
                out.put(pair.substring(0, colon).trim().toUpperCase(Locale.ROOT), pair.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The same settings with another stall timeout (sync gives up on slow clients before the arbiter gives up on it). */
    public Http1Settings withTimeoutSeconds(int seconds) {
        return new Http1Settings(limitRequestLine, limitRequestFields, limitRequestFieldSize, limitRequestBody,
                keepaliveSeconds, seconds, permitObsoleteFolding, permitUnconventionalHttpMethod, casefoldHttpMethod,
                stripHeaderSpaces, headerMap, forwardedAllowIps, secureSchemeHeaders, forwardedHeaders, proxyProtocol,
                proxyAllowFrom, maxDrainBytes, allowedTrailerNames, requestIdHeader);
    }

    /** The whole head may be as large as the limits allow, plus slack for CRLFs. */
    public int maxHeadBytes() {
        int line = limitRequestLine == 0 ? 65536 : limitRequestLine;
        long total = (long) line + (long) (limitRequestFields + 1) * (limitRequestFieldSize + 2) + 4;
        return (int) Math.min(total, 8 << 20);
    }
}
