package io.jgunicorn.bridge;

import io.jgunicorn.bridge.core.BridgeDeployment;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.Realm;
import java.util.Objects;

/** Entry point of the servlet bridge: a descriptor in, a deployment (lifecycle object) out. */
public final class ServletBridge {

    private ServletBridge() {}

    /** Deploys (but does not start) the web application the descriptor describes. */
    public static WebAppDeployment deploy(WebAppDescriptor descriptor) {
        return deploy(descriptor, null);
    }

    /**
     * Deploys with the realm that checks users for login-config and {@code HttpServletRequest.login}
     * (see {@link io.jgunicorn.bridge.security.FileRealm}); null means nobody can log in.
     */
    public static WebAppDeployment deploy(WebAppDescriptor descriptor, Realm realm) {
        Objects.requireNonNull(descriptor, "descriptor");
        String path = descriptor.contextPath();
        if (path == null || !(path.isEmpty() || path.startsWith("/") && !path.endsWith("/"))) {
            throw new IllegalArgumentException("context path must be \"\" or /name without a trailing slash: " + path);
        }
        return new BridgeDeployment(descriptor, realm);
    }
}
