package io.jgunicorn.bridge.core;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.UnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * One servlet of the application: what {@link Holder} keeps, plus its URL patterns, load-on-startup,
 * multipart and security settings, and lazy initialization (unless load-on-startup).
 */
public final class ServletHolder extends Holder<Servlet> {

    private final List<String> mappings = new ArrayList<>();
    private int loadOnStartup = -1;
    private boolean enabled = true;
    private MultipartConfigElement multipart;
    private ServletSecurityElement security;
    private String runAsRole;
    private java.util.Map<String, String> roleRefs = java.util.Map.of();
    private UnavailableException unavailable;

    ServletHolder(Deployment deployment, String name) {
        super(deployment, name, Servlet.class);
    }

    public List<String> mappings() { return mappings; }
    public int loadOnStartup() { return loadOnStartup; }
    public void loadOnStartup(int value) { loadOnStartup = value; }
    public boolean enabled() { return enabled; }
    public void enabled(boolean value) { enabled = value; }
    public MultipartConfigElement multipart() { return multipart; }
    public void multipart(MultipartConfigElement value) { multipart = value; }
    public ServletSecurityElement security() { return security; }
    public void security(ServletSecurityElement value) { security = value; }
    public String runAsRole() { return runAsRole; }
    public void runAsRole(String value) { runAsRole = value; }
    /** security-role-ref: the name the servlet's code uses → the application role it links to. */
    public java.util.Map<String, String> roleRefs() { return roleRefs; }
    public void roleRefs(java.util.Map<String, String> value) { roleRefs = java.util.Map.copyOf(value); }

    /** The initialized servlet, creating and initializing it on first use (lazy unless load-on-startup). */
    public Servlet servlet() throws ServletException {
        if (initialized) {
            return instance;
        }
        synchronized (this) {
            if (unavailable != null) {
                throw unavailable.isPermanent() ? unavailable
                        : new UnavailableException(unavailable.getMessage(), unavailable.getUnavailableSeconds());
            }
            if (!initialized) {
                init();
            }
            return instance;
        }
    }

    /**
     * Its load-on-startup init failed and the application stays deployed (Tomcat's default): from
     * now on every request to it answers 503; the caller logged the cause, once.
     */
    public synchronized void startFailed(Throwable cause) {
        UnavailableException u = new UnavailableException("servlet " + name() + " failed to start: " + cause, -1);
        u.initCause(cause);
        unavailable = u;
    }

    private void init() throws ServletException {
        boolean created = create();
        ConfigImpl config = config();
        try {
            Tccl.run(deployment.classLoader(), () -> instance.init(config));
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

    @Override
    void destroy(Servlet servlet) {
        servlet.destroy();
    }
}
