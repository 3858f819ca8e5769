/**
 * Class scanning for {@code ServletContainerInitializer}s and their {@code @HandlesTypes}, on class
 * files (not loaded classes).
 *
 * <p>May use {@code descriptor}, {@code war} and the bridge's {@code deployment} records.
 */
package io.jgunicorn.deploy.scan;
