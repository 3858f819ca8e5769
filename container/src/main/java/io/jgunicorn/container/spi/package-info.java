/**
 * What an application is to the container, and the only package (with {@code hooks}) the modules
 * above may use: {@code HttpApplication.handle(HttpExchange)}, the exchange, upgraded connections,
 * and {@code AppLoader} / {@code AppSpec}, found with {@code ServiceLoader} (the deploy loader is one).
 *
 * <p>Uses nothing of the container (jetty-http's {@code HttpURI}/{@code HttpFields} only).
 */
package io.jgunicorn.container.spi;
