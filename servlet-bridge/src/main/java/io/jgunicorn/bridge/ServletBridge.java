package io.jgunicorn.bridge;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import java.util.Objects;

/** Entry point of the servlet bridge: a descriptor in, a deployment (lifecycle object) out. */
public final class ServletBridge {

    private ServletBridge() {}

    /** Deploys (but does not start) the web application the descriptor describes, with default options. */
    public static WebAppDeployment deploy(WebAppDescriptor descriptor) {
        return deploy(descriptor, BridgeOptions.DEFAULTS);
    }

    /** Deploys with the operator's options: the realm for logins and the session store. */
    public static WebAppDeployment deploy(WebAppDescriptor descriptor, BridgeOptions options) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(options, "options");
        String path = descriptor.contextPath();
        if (path == null || !(path.isEmpty() || path.startsWith("/") && !path.endsWith("/"))) {
            throw new IllegalArgumentException("context path must be \"\" or /name without a trailing slash: " + path);
        }
        return new BridgeDeployment(descriptor, options);
    }
}
