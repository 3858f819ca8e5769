package io.jgunicorn.container.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * Request ids ({@code ServletRequest.getRequestId()}, the access log's {@code request_id}): the
 * front end's id when the request carries one in {@code request_id_header} (nginx's
 * {@code $request_id}, a load balancer's {@code X-Request-ID}), otherwise
 * {@code PID-CONNECTION-N}, which the worker's pid makes unique across the workers of a server.
 */
final class Http1RequestIds {

    /** Longer values, or values with control or non-ASCII characters, are not taken (log injection). */
    static final int MAX_LENGTH = 200;
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private Http1RequestIds() {}

    static String next(Http1Settings settings, HttpFields headers, String connectionId, long request) {
        String incoming = settings.requestIdHeader() == null ? null : headers.get(settings.requestIdHeader());
        if (incoming != null && acceptable(incoming.trim())) {
            return incoming.trim();
        }
        return PID + "-" + connectionId + "-" + request;
    }

    static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
