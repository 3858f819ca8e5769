package io.jgunicorn.jsp;

import java.lang.reflect.InvocationTargetException;
import java.util.function.BiConsumer;
import javax.naming.NamingException;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.SimpleInstanceManager;

/**
 * Jasper's {@link InstanceManager} over the bridge's injector (Servlet 6.1 section 15.5 for tag
 * handlers and the listeners of TLDs): made with their public no-argument constructor, as {@link SimpleInstanceManager}, then
 * {@code @Resource} and {@code @PostConstruct}; {@code @PreDestroy} on release. The bridge hands its
 * injector as a context attribute of a platform type ({@code BiConsumer<String, Object>}: "inject"
 * or "destroy", and the instance), since Jasper's loader does not see the bridge's classes.
 */
final class InjectingInstanceManager implements InstanceManager {

    static final String ATTRIBUTE = "io.jgunicorn.injector";

    private final BiConsumer<String, Object> injector;

    InjectingInstanceManager(BiConsumer<String, Object> injector) {
        this.injector = injector;
    }

    @Override
    public Object newInstance(Class<?> clazz) throws IllegalAccessException, InvocationTargetException, NamingException,
            InstantiationException, IllegalArgumentException, NoSuchMethodException, SecurityException {
        return newInstanceReturning(clazz.getConstructor().newInstance());
    }

    @Override
    public Object newInstance(String className) throws IllegalAccessException, InvocationTargetException, NamingException,
            InstantiationException, ClassNotFoundException, IllegalArgumentException, NoSuchMethodException, SecurityException {
        return newInstance(Class.forName(className, true, Thread.currentThread().getContextClassLoader()));
    }

    @Override
    public Object newInstance(String fqcn, ClassLoader classLoader) throws IllegalAccessException, InvocationTargetException,
            NamingException, InstantiationException, ClassNotFoundException, IllegalArgumentException, NoSuchMethodException,
            SecurityException {
        return newInstance(classLoader.loadClass(fqcn));
    }

    @Override
    public void newInstance(Object o) throws IllegalAccessException, InvocationTargetException, NamingException {
        try {
            injector.accept("inject", o);
        } catch (RuntimeException e) {
            throw new InvocationTargetException(e, "injecting " + o.getClass().getName() + " failed");
        }
    }

    private Object newInstanceReturning(Object o) throws IllegalAccessException, InvocationTargetException, NamingException {
        newInstance(o);
        return o;
    }

    @Override
    public void destroyInstance(Object o) {
        injector.accept("destroy", o);
    }
}
