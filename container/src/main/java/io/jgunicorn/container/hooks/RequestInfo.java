package io.jgunicorn.container.hooks;

import org.eclipse.jetty.http.HttpFields;

/**
 * A request as preRequest/postRequest see it.
 *
 * @param method  the request method
 * @param target  path and query as sent
 * @param headers the request headers
 * @param remote  client address as text
 */
public record RequestInfo(String method, String target, HttpFields headers, String remote) {}
