package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.ServletContextImpl;
import io.jgunicorn.bridge.spec.ConfigImpl;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.UnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One servlet of the application: its declaration (possibly changed through a registration while the
 * context initializes), its instance once created, and its init/destroy lifecycle.
 */
public final class ServletHolder {

    private final ServletContextImpl context;
    private final String name;
    private String className;
    private Class<? extends Servlet> servletClass;
    private Servlet instance;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final List<String> mappings = new ArrayList<>();
    private int loadOnStartup = -1;
    private boolean asyncSupported;
    private boolean enabled = true;
    private MultipartConfigElement multipart;
    private ServletSecurityElement security;
    private String runAsRole;
    private volatile boolean initialized;
    private UnavailableException unavailable;

    public ServletHolder(ServletContextImpl context, String name) {
        this.context = context;
        this.name = name;
    }

    public String name() { return name; }
    public String className() { return className != null ? className : servletClass != null ? servletClass.getName() : instance != null ? instance.getClass().getName() : null; }
    public void className(String value) { className = value; }
    public void servletClass(Class<? extends Servlet> value) { servletClass = value; }
    public void instance(Servlet value) { instance = value; }
    public Map<String, String> initParams() { return initParams; }
    public List<String> mappings() { return mappings; }
    public int loadOnStartup() { return loadOnStartup; }
    public void loadOnStartup(int value) { loadOnStartup = value; }
    public boolean asyncSupported() { return asyncSupported; }
    public void asyncSupported(boolean value) { asyncSupported = value; }
    public boolean enabled() { return enabled; }
    public void enabled(boolean value) { enabled = value; }
    public MultipartConfigElement multipart() { return multipart; }
    public void multipart(MultipartConfigElement value) { multipart = value; }
    public ServletSecurityElement security() { return security; }
    public void security(ServletSecurityElement value) { security = value; }
    public String runAsRole() { return runAsRole; }
    public void runAsRole(String value) { runAsRole = value; }
    public boolean isInitialized() { return initialized; }

    /** The initialized servlet, creating and initializing it on first use (lazy unless load-on-startup). */
    public Servlet servlet() throws ServletException {
        if (initialized) {
            return instance;
        }
        synchronized (this) {
            if (unavailable != null) {
                throw unavailable;
            }
            if (!initialized) {
                init();
            }
            return instance;
        }
    }

    private void init() throws ServletException {
        boolean created = instance == null;
        if (created) {
            Class<? extends Servlet> type = servletClass != null ? servletClass : context.loadClass(className, Servlet.class);
            instance = context.instantiate(type);
        }
        ConfigImpl config = new ConfigImpl(name, context, initParams);
        try {
            Tccl.run(context.getClassLoader(), () -> instance.init(config));
            initialized = true;
        } catch (ServletException | RuntimeException e) {
            // a permanent UnavailableException makes the servlet unavailable for good; otherwise retry later
            if (e instanceof UnavailableException u && u.isPermanent()) {
                unavailable = u;
            }
            if (created) {
                instance = null;
            }
            throw e;
        }
    }

    /** Destroys the servlet if it was initialized; errors are logged, never thrown (stop must go on). */
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
            context.log("servlet " + name + " failed to destroy", e);
        }
    }
}
