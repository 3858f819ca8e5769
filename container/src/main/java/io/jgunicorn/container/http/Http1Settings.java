package io.jgunicorn.container.http;

import io.jgunicorn.config.Config;
import io.jgunicorn.config.Settings;
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

    /** The defaults of {@code config.Settings}. */
    public static Http1Settings defaults() {
        return from(Config.defaults());
    }

    /** The defaults with some settings replaced, given as text by their Gunicorn names (tests, benchmarks). */
    public static Http1Settings from(Map<String, String> settings) {
        return from(Config.defaults().withText(settings));
    }

    /** Reads the settings by their Gunicorn names from the typed configuration; its defaults are Settings'. */
    public static Http1Settings from(Config c) {
        return new Http1Settings(
                c.integer("limit_request_line"),
                c.integer("limit_request_fields"),
                c.integer("limit_request_field_size"),
                c.integer("limit_request_body"),
                c.integer("keepalive"),
                c.integer("timeout"),
                c.bool("permit_obsolete_folding"),
                c.bool("permit_unconventional_http_method"),
                c.bool("casefold_http_method"),
                c.bool("strip_header_spaces"),
                c.string("header_map").trim().toLowerCase(Locale.ROOT),
                c.list("forwarded_allow_ips"),
                schemeHeaders(c.string("secure_scheme_headers")),
                c.bool("forwarded_headers"),
                proxyProtocol(c.string("proxy_protocol")),
                c.list("proxy_allow_ips"),
                c.integer("max_drain_bytes"),
                trailerNames(c.list("allowed_trailer_names")),
                blankToNull(c.string("request_id_header")));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** {@code *} (anywhere in the list) passes every name: null; else the names in lower case. */
    private static Set<String> trailerNames(List<String> names) {
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
        String p = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "", "true", "1", "yes", "on", "auto" -> p.isEmpty() ? "off" : "auto";
            case "false", "0", "no", "off", "none" -> "off";
            case "v1", "v2" -> p;
            default -> throw new IllegalArgumentException("proxy_protocol must be off, v1, v2 or auto: " + v);
        };
    }

    /**
     * "NAME: value, NAME: value" or "NAME=value,..." (the CLI's spelling; a JSON-ish dict is
     * accepted too since the quotes and braces are stripped); blank means the setting's default.
     */
    private static Map<String, String> schemeHeaders(String v) {
        if (v == null || v.isBlank()) {
            v = Settings.byName().get("secure_scheme_headers").defaultValue();
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
