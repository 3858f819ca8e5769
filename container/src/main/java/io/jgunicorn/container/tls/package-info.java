/**
 * TLS from Gunicorn's settings: PEM certificates and keys ({@code certfile}, {@code keyfile},
 * {@code ca_certs}), {@code cert_reqs}, protocols and ciphers, into the server's {@code SSLContext}.
 *
 * <p>May use {@code config}; used by the worker and the CLI (pre-flight checks).
 */
package io.jgunicorn.container.tls;
