package io.jgunicorn.deploy.naming;

import io.jgunicorn.bridge.deployment.EnvironmentDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.descriptor.ContextXml;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application's {@code java:comp/env}, built at deploy from web.xml's (and the fragments')
 * env-entry, resource-ref and resource-env-ref and from {@code <Resource>} / {@code <Environment>}
 * of its {@code META-INF/context.xml} under the operator's file. Resources are made on first
 * lookup (a DataSource opens no connection before the application asks for it) and closed with
 * {@link #close()}, when the application is undeployed (the worker stops).
 */
public final class AppNaming implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(AppNaming.class);
    static final String ENV = "java:comp/env/";

    private final ClassLoader loader;
    private final List<Lazy> resources = new ArrayList<>();

    private AppNaming(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Binds the application's environment for its threads.
     *
     * @param context    context.xml of the WAR under the operator's file (their resources, environments)
     * @param driverDir  loader of the operator's JDBC drivers (its parent is the application's), or null
     * @param source     names the application and files in errors
     * @throws AppLoadException a resource of a type jgunicorn cannot make, or an env-entry whose value does not convert
     */
    public static AppNaming bind(WebAppDescriptor d, ContextXml context, ClassLoader driverLoader, String source)
            throws AppLoadException {
        return bind(d.classLoader(), d.environment(), context, driverLoader, source);
    }

    static AppNaming bind(ClassLoader app, EnvironmentDef env, ContextXml context, ClassLoader driverLoader, String source)
            throws AppLoadException {
        AppNaming naming = new AppNaming(app);
        Map<String, Object> bindings = new LinkedHashMap<>();
        for (ContextXml.Environment e : context.environments()) {
            boolean appWins = e.override() && env.entries().stream().anyMatch(x -> x.name().equals(e.name()) && x.value() != null);
            if (!appWins) {
                bindings.put(ENV + e.name(), EnvValues.convert(e.type(), e.value(), "<Environment name=\"" + e.name() + "\"> of " + source));
            }
        }
        for (EnvironmentDef.EnvEntry e : env.entries()) {
            if (e.value() != null && !bindings.containsKey(ENV + e.name())) {
                bindings.put(ENV + e.name(), EnvValues.convert(e.type(), e.value(), "<env-entry> " + e.name() + " of " + source));
            }
        }
        ClassLoader drivers = driverLoader != null ? driverLoader : app;
        for (Map.Entry<String, Map<String, String>> r : context.resources().entrySet()) {
            Supplier<Object> factory = ResourceFactories.factory(r.getKey(), r.getValue(), app, drivers, source);
            Lazy lazy = new Lazy(r.getKey(), factory);
            naming.resources.add(lazy);
            bindings.put(ENV + r.getKey(), lazy);
        }
        for (EnvironmentDef.ResourceRef ref : env.references()) {
            if (!bindings.containsKey(ENV + ref.name())) {
                log.warn("{}: <{}> {} ({}) is declared but no <Resource name=\"{}\"> defines it (in META-INF/context.xml "
                        + "or the operator's jndi_resources file): looking it up fails", source,
                        ref.env() ? "resource-env-ref" : "resource-ref", ref.name(), ref.type(), ref.name());
            }
        }
        JavaNaming.bind(app, new ReadOnlyContext(bindings));
        return naming;
    }

    /** The names of the resources made so far (for tests of laziness). */
    public List<String> created() {
        return resources.stream().filter(Lazy::created).map(Lazy::name).toList();
    }

    @Override
    public void close() {
        JavaNaming.unbind(loader);
        for (Lazy r : resources) {
            r.close();
        }
    }

    /** A resource made on first lookup, once, and closed (when it can be) with the application. */
    static final class Lazy implements Supplier<Object> {
        private final String name;
        private final Supplier<Object> factory;
        private Object value;
        private boolean closed;

        Lazy(String name, Supplier<Object> factory) {
            this.name = name;
            this.factory = factory;
        }

        String name() { return name; }

        synchronized boolean created() { return value != null; }

        @Override
        public synchronized Object get() {
            if (closed) {
                throw new IllegalStateException("resource " + name + " is closed: the application was undeployed");
            }
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized void close() {
            closed = true;
            if (value instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.warn("closing resource {} failed: {}", name, e.toString());
                }
            }
            value = null;
        }
    }
}
