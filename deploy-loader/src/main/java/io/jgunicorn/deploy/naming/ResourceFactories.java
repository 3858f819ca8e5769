package io.jgunicorn.deploy.naming;

import io.jgunicorn.container.spi.AppLoadException;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.ObjectFactory;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.BasicDataSourceFactory;

/**
 * What a {@code <Resource>} becomes, as in Tomcat: a {@code javax.sql.DataSource} is a pool of
 * Apache Commons DBCP 2 (the pool Tomcat itself repackages as {@code tomcat-dbcp}), configured by
 * the same attribute names ({@code url}, {@code username}, {@code password}, {@code driverClassName},
 * {@code maxTotal}, {@code maxIdle}, {@code maxWaitMillis}, {@code validationQuery}, ...); a resource
 * with a {@code factory} attribute is made by that {@code javax.naming.spi.ObjectFactory} of the
 * application, given a {@link Reference} holding its attributes. Any other type fails the deploy.
 */
final class ResourceFactories {

    /** Attributes Tomcat reads itself, not passed to the pool. */
    private static final Set<String> TOMCAT_ATTRIBUTES = Set.of("name", "type", "auth", "factory", "description",
            "scope", "singleton", "closeMethod");
    /** Tomcat's own DataSource factories: their attribute names are DBCP's. */
    private static final Set<String> POOL_FACTORIES = Set.of("org.apache.tomcat.dbcp.dbcp2.BasicDataSourceFactory",
            "org.apache.commons.dbcp2.BasicDataSourceFactory", "org.apache.tomcat.jdbc.pool.DataSourceFactory");

    private ResourceFactories() {}

    static Supplier<Object> factory(String name, Map<String, String> attributes, ClassLoader app, ClassLoader drivers,
                                    String source) throws AppLoadException {
        String type = attributes.get("type");
        String factory = attributes.get("factory");
        String where = "<Resource name=\"" + name + "\" type=\"" + type + "\"> of " + source;
        if (factory != null && !POOL_FACTORIES.contains(factory)) {
            return objectFactory(name, type, factory, attributes, app, where);
        }
        if (type.equals("javax.sql.DataSource") || type.equals("javax.sql.XADataSource") && factory != null
                || type.equals("org.apache.commons.dbcp2.BasicDataSource")) {
            Properties properties = new Properties();
            attributes.forEach((k, v) -> {
                if (!TOMCAT_ATTRIBUTES.contains(k)) {
                    properties.setProperty(k, v);
                }
            });
            return () -> dataSource(properties, drivers, where);
        }
        throw new AppLoadException(where + ": jgunicorn cannot make a resource of type " + type
                + " (it makes javax.sql.DataSource pools, and any type whose <Resource> names a javax.naming.spi.ObjectFactory"
                + " in its factory attribute)");
    }

    private static Object dataSource(Properties properties, ClassLoader drivers, String where) {
        try {
            BasicDataSource pool = BasicDataSourceFactory.createDataSource(properties);
            pool.setDriverClassLoader(drivers);
            return pool;
        } catch (Exception e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
    }

    private static Supplier<Object> objectFactory(String name, String type, String factory, Map<String, String> attributes,
                                                  ClassLoader app, String where) throws AppLoadException {
        ObjectFactory f;
        try {
            f = (ObjectFactory) Class.forName(factory, true, app).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new AppLoadException(where + ": cannot make its factory " + factory + " (a javax.naming.spi.ObjectFactory): " + e, e);
        }
        Reference ref = new Reference(type, factory, null);
        attributes.forEach((k, v) -> {
            if (!TOMCAT_ATTRIBUTES.contains(k)) {
                ref.add(new StringRefAddr(k, v));
            }
        });
        return () -> {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(app);
            try {
                return f.getObjectInstance(ref, new javax.naming.CompositeName(name), null, new Hashtable<>());
            } catch (Exception e) {
                throw new IllegalStateException(where + ": its factory failed: " + e, e);
            } finally {
                t.setContextClassLoader(previous);
            }
        };
    }
}
