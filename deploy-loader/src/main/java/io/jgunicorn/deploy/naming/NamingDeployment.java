package io.jgunicorn.deploy.naming;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.descriptor.ContextXml;
import io.jgunicorn.deploy.descriptor.DescriptorException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment with its Tomcat-style environment: before the bridge starts the application, its
 * {@code META-INF/context.xml} is read under the operator's file, {@code <Parameter>}s become
 * context parameters and {@link AppNaming} binds {@code java:comp/env}; undeploying closes the
 * resources made for it.
 */
public final class NamingDeployment implements WebAppDeployment {

    private static final Logger log = LoggerFactory.getLogger(NamingDeployment.class);
    static final String CONTEXT_XML = "/META-INF/context.xml";

    private final WebAppDescriptor descriptor;
    private final ContextXml operator;
    private final ClassLoader drivers;
    private final Function<WebAppDescriptor, WebAppDeployment> bridge;
    private WebAppDeployment inner;
    private AppNaming naming;

    /**
     * @param operator the operator's file (setting {@code jndi_resources}); {@link ContextXml#EMPTY} when none
     * @param drivers  the loader of the operator's JDBC driver directory (setting {@code jdbc_drivers}), or
     *                 null: only the WAR's drivers
     */
    public NamingDeployment(WebAppDescriptor descriptor, ContextXml operator, Function<ClassLoader, ClassLoader> drivers,
                            Function<WebAppDescriptor, WebAppDeployment> bridge) {
        this.descriptor = descriptor;
        this.operator = operator;
        this.drivers = drivers == null ? null : drivers.apply(descriptor.classLoader());
        this.bridge = bridge;
    }

    @Override
    public WebAppDescriptor descriptor() {
        return inner != null ? inner.descriptor() : descriptor;
    }

    @Override
    public synchronized HttpApplication start() throws Exception {
        String name = descriptor.contextPath().isEmpty() ? "/" : descriptor.contextPath();
        ContextXml context = warContextXml(name).overriddenBy(operator);
        if (!context.ignored().isEmpty()) {
            log.info("{}: context.xml elements {} configure Tomcat itself and are ignored", name, context.ignored());
        }
        Map<String, String> params = new LinkedHashMap<>(descriptor.contextParams());
        for (ContextXml.Parameter p : context.parameters()) {
            if (!p.override() || !params.containsKey(p.name())) {
                params.put(p.name(), p.value()); // override="false": web.xml may not change it
            }
        }
        if (naming == null) {
            naming = AppNaming.bind(descriptor, context, drivers, "application " + name);
        }
        try {
            inner = bridge.apply(descriptor.withContextParams(params));
            return inner.start();
        } catch (Exception | Error e) {
            closeNaming();
            throw e;
        }
    }

    private ContextXml warContextXml(String name) throws AppLoadException {
        try (InputStream in = descriptor.resources().open(CONTEXT_XML)) {
            return in == null ? ContextXml.EMPTY : ContextXml.parse(in, name + CONTEXT_XML);
        } catch (DescriptorException e) {
            throw new AppLoadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AppLoadException("cannot read " + name + CONTEXT_XML + ": " + e, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (inner != null) {
            inner.stop();
        }
    }

    @Override
    public synchronized void undeploy() {
        try {
            if (inner != null) {
                inner.undeploy();
            }
        } finally {
            closeNaming();
        }
    }

    private void closeNaming() {
        if (naming != null) {
            naming.close();
            naming = null;
        }
    }

    /** The application's environment while it runs (for tests). */
    public AppNaming naming() {
        return naming;
    }
}
