package io.jgunicorn.bridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the security handler reads and sets of one request: the container's request and response
 * façades, the decoded path within the context, and the user the request is authenticated as.
 * The per-request state of {@code spec} implements it, so this package needs nothing above it.
 */
public interface SecuredRequest {

    HttpServletRequest request();

    HttpServletResponse response();

    String pathInContext();

    /** The authenticated user, or null. */
    UserIdentity user();

    void user(UserIdentity user);
}
