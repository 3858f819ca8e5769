package io.jgunicorn.bridge.deployment;

import java.util.Map;
import java.util.Set;

/**
 * session-config.
 *
 * @param timeoutMinutes session-timeout in minutes (&lt;= 0: never expires); default 30
 * @param cookieName     cookie name, default JSESSIONID
 * @param cookieAttributes other cookie-config values (domain, path, comment, http-only, secure,
 *                       max-age, and Servlet 6 attributes) by their lower-case names
 * @param trackingModes  COOKIE, URL, SSL; empty means the container default (COOKIE and URL)
 */
public record SessionConfigDef(int timeoutMinutes, String cookieName, Map<String, String> cookieAttributes, Set<String> trackingModes) {
    public SessionConfigDef {
        cookieAttributes = Map.copyOf(cookieAttributes);
        trackingModes = Set.copyOf(trackingModes);
    }

    public static final SessionConfigDef DEFAULT = new SessionConfigDef(30, "JSESSIONID", Map.of(), Set.of());
}
