/**
 * WAR archives: unpacking to a private directory with the zip-slip, symlink and zip-bomb checks,
 * and the application's files as the bridge's {@code ResourceView}.
 *
 * <p>May use the bridge's {@code deployment} records and the container's {@code spi}.
 */
package io.jgunicorn.deploy.war;
