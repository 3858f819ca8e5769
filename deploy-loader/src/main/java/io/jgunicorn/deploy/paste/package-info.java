/**
 * INI application descriptors (Paste Deploy's analogue): {@code [app:]}, {@code [filter:]},
 * {@code [pipeline:]}, {@code [composite:] use = urlmap}, {@code [DEFAULT]}, interpolation; errors
 * name the file, section and key.
 *
 * <p>May use the loader's root package, {@code api}, {@code classloading} and {@code war}, the bridge's
 * {@code deployment} records and {@code core.ContextRegistry}, and the container's {@code spi}.
 */
package io.jgunicorn.deploy.paste;
