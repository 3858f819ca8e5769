package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A started web application as the container sees it. Closing it undoes the whole deployment in
 * reverse: stop and undeploy in the bridge, then close the class loader and resource jars (so the
 * jar files are released) and delete what was unpacked for it.
 */
public final class DeployedWebApp implements HttpApplication {

    private final String name;
    private final WebAppDeployment deployment;
    private final HttpApplication app;
    private final List<Closeable> resources;
    private boolean closed;

    /** @param resources closed in order after the bridge let go of the app (class loader, jars, directories) */
    DeployedWebApp(String name, WebAppDeployment deployment, HttpApplication app, List<Closeable> resources) {
        this.name = name;
        this.deployment = deployment;
        this.app = app;
        this.resources = List.copyOf(resources);
    }

    public String name() {
        return name;
    }

    public String contextPath() {
        return deployment.descriptor().contextPath();
    }

    @Override
    public List<String> contextPaths() {
        return List.of(contextPath());
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        app.handle(exchange);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deployment.stop();
        } finally {
            try {
                deployment.undeploy();
            } finally {
                closeAll(resources);
            }
        }
    }

    static void closeAll(List<Closeable> resources) {
        for (Closeable c : resources) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                System.getLogger(DeployedWebApp.class.getName()).log(System.Logger.Level.WARNING, "cleanup failed: " + c, e);
            }
        }
    }

    @Override
    public String toString() {
        return "DeployedWebApp[" + name + " at '" + contextPath() + "']";
    }
}
