/**
 * The {@code jakarta.servlet} implementations, named {@code *Impl}: thin façades over one
 * {@link io.jgunicorn.bridge.spec.ExchangeState} per request (which holds what the bridge knows of the
 * request and its response over the container's {@code HttpExchange}) and over the application's
 * {@code core.Deployment} ({@link io.jgunicorn.bridge.spec.ServletContextImpl}, the registrations on
 * their shared {@link io.jgunicorn.bridge.spec.RegistrationImpl}). Also the dispatching that the API
 * itself starts: {@link io.jgunicorn.bridge.spec.RequestDispatcherImpl}, {@link io.jgunicorn.bridge.spec.FilterChainImpl},
 * {@link io.jgunicorn.bridge.spec.AsyncContextImpl}; the request's sessions ({@link io.jgunicorn.bridge.spec.RequestSessions});
 * and {@link io.jgunicorn.bridge.spec.Unwrap}, which finds the state under request wrappers.
 *
 * <p>May use {@code core}, {@code session}, {@code security}, {@code deployment}, the container's
 * {@code spi} and Jetty's HTTP helpers; never {@code handlers}: what the handler that started a
 * request does for it later (async dispatch, completion) is the {@link io.jgunicorn.bridge.spec.RequestRunner}
 * it passed in.
 */
package io.jgunicorn.bridge.spec;
