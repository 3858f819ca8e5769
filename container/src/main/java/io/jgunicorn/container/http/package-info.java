/**
 * HTTP/1.1: the connection ({@code Http1Connection}, only its state machine; its input buffer,
 * PROXY header, request and response bodies, error answers, watchdog view and upgrade hand-off each
 * have a class of their own), the parser on jetty-http with Gunicorn's
 * limits, the exchange the application sees ({@code Http1Exchange}, an {@code spi.HttpExchange}),
 * request and response bodies, transports (socket, channel, TLS), PROXY protocol and forwarded
 * headers. See {@code docs/http.md}.
 *
 * <p>May use {@code lifecycle}, {@code spi} and {@code config}; never {@code worker} (a connection
 * reports to whoever runs it through {@code lifecycle.WorkerLifecycle}). Used by the worker only.
 */
package io.jgunicorn.container.http;
