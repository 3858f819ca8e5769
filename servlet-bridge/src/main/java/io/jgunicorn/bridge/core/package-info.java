/**
 * The state of one deployed application, without the Servlet API façades (Undertow's
 * {@code servlet.core}): {@link io.jgunicorn.bridge.core.Deployment} owns the servlet and filter
 * registries ({@link io.jgunicorn.bridge.core.ServletHolder}, {@link io.jgunicorn.bridge.core.FilterHolder}
 * on their shared {@link io.jgunicorn.bridge.core.Holder}, {@link io.jgunicorn.bridge.core.FilterMapping}),
 * the {@link io.jgunicorn.bridge.core.Listeners}, sessions, security, the
 * {@link io.jgunicorn.bridge.core.ServletMatcher}, the {@link io.jgunicorn.bridge.core.AsyncTimer}
 * and the class loader ({@link io.jgunicorn.bridge.core.Tccl}); {@link io.jgunicorn.bridge.core.PathDecoder}
 * canonicalizes request paths; {@link io.jgunicorn.bridge.core.ContextRegistry} holds the started
 * applications of one worker for cross-context access.
 *
 * <p>May use {@code deployment}, {@code session}, {@code security}, {@code jakarta.servlet} and
 * Jetty's path matching; never {@code spec} or {@code handlers}: the {@code ServletContext} façade
 * is made by a factory the deployment's constructor is given, and seen here only as jakarta's interface.
 */
package io.jgunicorn.bridge.core;
