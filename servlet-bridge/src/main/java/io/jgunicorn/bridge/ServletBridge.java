package io.jgunicorn.bridge;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;

/** Entry point of the servlet bridge: a descriptor in, a deployment (lifecycle object) out. */
public final class ServletBridge {

    private ServletBridge() {}

    /** Deploys (but does not start) the web application the descriptor describes. */
    public static WebAppDeployment deploy(WebAppDescriptor descriptor) {
        throw new UnsupportedOperationException("servlet bridge not built yet");
    }
}
