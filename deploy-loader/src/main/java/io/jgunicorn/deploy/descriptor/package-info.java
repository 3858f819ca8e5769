/**
 * Descriptors: {@code web.xml} and {@code web-fragment.xml} (StAX) and annotations read from class
 * files without loading them ({@code java.lang.classfile}), merged into the bridge's deployment records.
 *
 * <p>May use {@code war} and the bridge's {@code deployment} records.
 */
package io.jgunicorn.deploy.descriptor;
