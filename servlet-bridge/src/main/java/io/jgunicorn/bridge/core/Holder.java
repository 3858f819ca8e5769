package io.jgunicorn.bridge.core;

import jakarta.servlet.ServletException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a servlet and a filter of the application share (Jetty's {@code Holder}): a name, the class
 * to run (by name, by class or as an instance), init params, async support, and the create / init /
 * destroy lifecycle. The declaration may change through a registration while the context initializes.
 *
 * @param <T> {@code Servlet} or {@code Filter}
 */
public abstract sealed class Holder<T> permits ServletHolder, FilterHolder {

    final Deployment deployment;
    private final String name;
    private final Class<T> type;
    private String className;
    private Class<? extends T> heldClass;
    T instance;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private boolean asyncSupported;
    volatile boolean initialized;

    Holder(Deployment deployment, String name, Class<T> type) {
        this.deployment = deployment;
        this.name = name;
        this.type = type;
    }

    public String name() { return name; }

    /** The class name, from whichever of name, class or instance was given; null when none was. */
    public String className() {
        return className != null ? className : heldClass != null ? heldClass.getName() : instance != null ? instance.getClass().getName() : null;
    }

    public void className(String value) { className = value; }
    public void heldClass(Class<? extends T> value) { heldClass = value; }
    public void instance(T value) { instance = value; }
    /** The live map: parameters set before init are seen by the config. */
    public Map<String, String> initParams() { return initParams; }
    public boolean asyncSupported() { return asyncSupported; }
    public void asyncSupported(boolean value) { asyncSupported = value; }
    public boolean isInitialized() { return initialized; }

    /** Creates the instance when none was given; true when it was created here (and may be dropped on failure). */
    final boolean create() throws ServletException {
        if (instance != null) {
            return false;
        }
        Class<? extends T> held = heldClass != null ? heldClass : deployment.loadClass(className, type);
        instance = deployment.instantiate(held);
        return true;
    }

    final ConfigImpl config() {
        return new ConfigImpl(name, deployment.servletContext(), initParams);
    }

    /** Destroys the instance if it was initialized; errors are logged, never thrown (stop must go on). */
    public final synchronized void destroy() {
        if (!initialized) {
            return;
        }
        initialized = false;
        try {
            Tccl.run(deployment.classLoader(), () -> destroy(instance));
            deployment.preDestroy(instance);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            deployment.log(type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + name + " failed to destroy", e);
        }
    }

    abstract void destroy(T instance);
}
