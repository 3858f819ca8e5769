/**
 * What runs a request: {@link io.jgunicorn.bridge.handlers.BridgeApplication} is the container's
 * {@code HttpApplication} (path decoding, servlet matching, request listeners, security, the filter
 * chain, error handling, session save, completion); {@link io.jgunicorn.bridge.handlers.ErrorPages},
 * {@link io.jgunicorn.bridge.handlers.WelcomeFiles}, and the built-in
 * {@link io.jgunicorn.bridge.handlers.DefaultServlet} for static files (with {@code StaticCache} and
 * {@code ByteRanges}), which reads only through the loader's {@code ResourceView}.
 *
 * <p>May use {@code spec}, {@code core}, {@code session}, {@code security}, {@code deployment} and
 * the container's {@code spi}; only the root package uses it.
 */
package io.jgunicorn.bridge.handlers;
