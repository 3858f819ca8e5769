package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stands in for {@code ServletBridge.deploy} (a stub in this module's build): records the lifecycle
 * calls, answers requests by logging "contextPath path", and can be told to fail starting.
 */
public final class FakeBridge implements Function<WebAppDescriptor, WebAppDeployment> {

    public final List<String> log = new ArrayList<>();
    public final List<WebAppDescriptor> deployed = new ArrayList<>();
    /** Context path whose start() throws, or null. */
    public String failing;
    /** Thrown by stop(), or null: a cleanup that fails too. */
    public Error failingStop;

    @Override
    public WebAppDeployment apply(WebAppDescriptor d) {
        deployed.add(d);
        log.add("deploy " + d.contextPath());
        return new WebAppDeployment() {
            @Override
            public WebAppDescriptor descriptor() {
                return d;
            }

            @Override
            public HttpApplication start() {
                if (d.contextPath().equals(failing)) {
                    throw new IllegalStateException("listener blew up");
                }
                log.add("start " + d.contextPath());
                return new HttpApplication() {
                    @Override
                    public void handle(HttpExchange exchange) {
                        log.add("handle " + d.contextPath() + " " + exchange.uri().getPath());
                    }

                    @Override
                    public void close() {
                        log.add("app.close " + d.contextPath());
                    }
                };
            }

            @Override
            public void stop() {
                log.add("stop " + d.contextPath());
                if (failingStop != null) {
                    throw failingStop;
                }
            }

            @Override
            public void undeploy() {
                log.add("undeploy " + d.contextPath());
            }
        };
    }
}
