/**
 * Authentication and authorization: {@link io.jgunicorn.bridge.security.SecurityHandler} (BASIC and
 * FORM login, {@code login}/{@code logout}, the security-constraint decision of Servlet 6.1 chapter 13
 * in {@code Constraints}), the {@link io.jgunicorn.bridge.security.Realm} interface and the operator's
 * {@link io.jgunicorn.bridge.security.FileRealm} (PBKDF2 hashes; the loader reads its file).
 *
 * <p>May use {@code deployment}, {@code jakarta.servlet} and Jetty's path specs; nothing else of the
 * bridge. A request reaches it as a {@link io.jgunicorn.bridge.security.SecuredRequest}, implemented
 * by {@code spec}'s per-request state.
 */
package io.jgunicorn.bridge.security;
