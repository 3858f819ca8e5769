/**
 * A web application described as data, the seam with the deploy loader: the descriptor records
 * ({@link io.jgunicorn.bridge.deployment.WebAppDescriptor} and its servlet, filter, listener,
 * mapping, security, session and JSP records), the {@link io.jgunicorn.bridge.deployment.ResourceView}
 * through which the bridge sees the application's files, and the
 * {@link io.jgunicorn.bridge.deployment.WebAppDeployment} lifecycle interface.
 *
 * <p>The bottom layer: it may use the JDK and the container's {@code spi} (a started deployment is
 * an {@code HttpApplication}), no other bridge package and no {@code jakarta.servlet}, so the loader
 * builds descriptors without the rest of the bridge.
 */
package io.jgunicorn.bridge.deployment;
