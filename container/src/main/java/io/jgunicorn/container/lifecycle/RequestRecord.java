package io.jgunicorn.container.lifecycle;

import java.time.Instant;
import org.eclipse.jetty.http.HttpFields;

/**
 * One finished request, as the access log, metrics and hooks see it.
 *
 * @param start           when the request head was complete
 * @param durationNanos   from then until the response was complete
 * @param remoteAddress   client address (after trusted proxy headers), or "-"
 * @param method          request method, or null when the head was refused before it was known
 * @param target          request target as sent (path and query), or null
 * @param protocol        {@code HTTP/1.1}, {@code HTTP/1.0}
 * @param status          response status
 * @param responseBytes   bytes written on the wire for the response (head and body)
 * @param requestHeaders  request headers (empty when the head was refused)
 * @param responseHeaders response headers as sent
 * @param requestId       the exchange's id, or null
 * @param bodyBytes       response body bytes sent (before chunk framing; Gunicorn's {@code resp.sent}),
 *                        or -1 when unknown
 */
public record RequestRecord(
        Instant start,
        long durationNanos,
        String remoteAddress,
        String method,
        String target,
        String protocol,
        int status,
        long responseBytes,
        HttpFields requestHeaders,
        HttpFields responseHeaders,
        String requestId,
        long bodyBytes) {

    /** The original form without the body size (kept for callers written before it existed). */
    public RequestRecord(Instant start, long durationNanos, String remoteAddress, String method, String target,
            String protocol, int status, long responseBytes, HttpFields requestHeaders,
            HttpFields responseHeaders, String requestId) {
        this(start, durationNanos, remoteAddress, method, target, protocol, status, responseBytes,
                requestHeaders, responseHeaders, requestId, -1);
    }
}
