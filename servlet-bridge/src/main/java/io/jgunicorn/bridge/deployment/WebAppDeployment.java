package io.jgunicorn.bridge.deployment;

import io.jgunicorn.container.spi.HttpApplication;

/**
 * Lifecycle of one web application in the bridge: deploy (build the context from the descriptor) →
 * {@link #start()} (initializers, listeners, load-on-startup servlets; returns the application the
 * container serves) → {@link #stop()} (destroy servlets and filters, context listeners in reverse) →
 * {@link #undeploy()} (drop everything the deployment holds).
 */
public interface WebAppDeployment {

    WebAppDescriptor descriptor();

    /** Starts the application; throws with a clear message when it fails to start. */
    HttpApplication start() throws Exception;

    void stop();

    void undeploy();
}
