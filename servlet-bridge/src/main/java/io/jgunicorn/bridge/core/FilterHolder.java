package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.ServletContextImpl;
import io.jgunicorn.bridge.spec.ConfigImpl;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One filter of the application: declaration, instance, and init/destroy lifecycle. */
public final class FilterHolder {

    private final ServletContextImpl context;
    private final String name;
    private String className;
    private Class<? extends Filter> filterClass;
    private Filter instance;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private boolean asyncSupported;
    private volatile boolean initialized;

    public FilterHolder(ServletContextImpl context, String name) {
        this.context = context;
        this.name = name;
    }

    public String name() { return name; }
    public String className() { return className != null ? className : filterClass != null ? filterClass.getName() : instance != null ? instance.getClass().getName() : null; }
    public void className(String value) { className = value; }
    public void filterClass(Class<? extends Filter> value) { filterClass = value; }
    public void instance(Filter value) { instance = value; }
    public Map<String, String> initParams() { return initParams; }
    public boolean asyncSupported() { return asyncSupported; }
    public void asyncSupported(boolean value) { asyncSupported = value; }

    /** The initialized filter; filters are initialized when the application starts. */
    public Filter filter() throws ServletException {
        if (!initialized) {
            init();
        }
        return instance;
    }

    public synchronized void init() throws ServletException {
        if (initialized) {
            return;
        }
        if (instance == null) {
            Class<? extends Filter> type = filterClass != null ? filterClass : context.loadClass(className, Filter.class);
            instance = context.instantiate(type);
        }
        ConfigImpl config = new ConfigImpl(name, context, initParams);
        Tccl.run(context.getClassLoader(), () -> instance.init(config));
        initialized = true;
    }

    public synchronized void destroy() {
        if (!initialized) {
            return;
        }
        initialized = false;
        try {
            Tccl.run(context.getClassLoader(), instance::destroy);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            context.log("filter " + name + " failed to destroy", e);
        }
    }
}
