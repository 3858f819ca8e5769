package io.jgunicorn.bridge;

import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.FilterMapping;
import io.jgunicorn.bridge.core.Listeners;
import io.jgunicorn.bridge.core.ServletHolder;
import io.jgunicorn.bridge.core.Tccl;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.handlers.RequestDispatcherImpl;
import io.jgunicorn.bridge.handlers.ServletMatcher;
import io.jgunicorn.bridge.security.SecurityHandler;
import io.jgunicorn.bridge.session.SessionManager;
import io.jgunicorn.bridge.spec.FilterRegistrationImpl;
import io.jgunicorn.bridge.spec.ServletRegistrationImpl;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.util.URIUtil;

/**
 * The {@link ServletContext} of one web application: registry of servlets, filters and listeners,
 * context attributes and parameters, resources, MIME types and the entry to dispatchers and sessions.
 */
public final class ServletContextImpl implements ServletContext {

    /** Where the context is in its life; registration methods are only legal while INITIALIZING. */
    public enum State { DEPLOYED, INITIALIZING, STARTED, STOPPED }

    private final WebAppDescriptor descriptor;
    private final ClassLoader classLoader;
    private final org.slf4j.Logger logger;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
    private final Map<String, FilterHolder> filters = new LinkedHashMap<>();
    private final List<FilterMapping> filterMappings = new ArrayList<>();
    private int filterMappingsBefore;
    private final Listeners listeners = new Listeners();
    private final Set<String> declaredRoles = new LinkedHashSet<>();
    private final SessionManager sessions;
    private SecurityHandler security;
    private volatile io.jgunicorn.bridge.handlers.BridgeApplication application;
    private java.util.concurrent.ScheduledExecutorService scheduler;
    private volatile State state = State.DEPLOYED;
    private volatile ServletMatcher matcher;
    private String requestCharacterEncoding;
    private String responseCharacterEncoding;
    private ContextRegistry contexts;
    private boolean crossContext;

    public ServletContextImpl(WebAppDescriptor descriptor, io.jgunicorn.bridge.session.SessionStore sessionStore) {
        this.descriptor = descriptor;
        this.classLoader = descriptor.classLoader();
        String name = descriptor.contextPath().isEmpty() ? "ROOT" : descriptor.contextPath().substring(1);
        // the container logs through slf4j/logback; webapp log lines go to the same place, per context
        this.logger = org.slf4j.LoggerFactory.getLogger("io.jgunicorn.webapp." + name);
        this.initParams.putAll(descriptor.contextParams());
        this.requestCharacterEncoding = descriptor.requestCharacterEncoding();
        this.responseCharacterEncoding = descriptor.responseCharacterEncoding();
        this.declaredRoles.addAll(descriptor.security().roles());
        this.sessions = new SessionManager(this, descriptor.sessionConfig(), sessionStore);
        this.security = new SecurityHandler(this, null);
        if (descriptor.tempDir() != null) {
            attributes.put(TEMPDIR, descriptor.tempDir().toFile());
        }
    }

    // --- bridge-side accessors ---------------------------------------------------------------

    public WebAppDescriptor descriptor() { return descriptor; }
    public Listeners listeners() { return listeners; }
    public SessionManager sessions() { return sessions; }
    public SecurityHandler security() { return security; }
    public io.jgunicorn.bridge.handlers.BridgeApplication application() { return application; }
    public void application(io.jgunicorn.bridge.handlers.BridgeApplication value) { application = value; }

    /** One timer thread per context for async timeouts, started on first use and stopped with the context. */
    public synchronized java.util.concurrent.ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("jgunicorn-async-timer" + descriptor.contextPath()).factory());
        }
        return scheduler;
    }

    public synchronized void shutdownScheduler() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
    public void security(SecurityHandler value) { security = value; }

    /** The worker's registry this context joins when it starts, and whether the others there are reachable. */
    public void contexts(ContextRegistry registry, boolean allowed) {
        contexts = registry;
        crossContext = allowed;
    }

    /** Joins the registry (once started: only a running context can be dispatched to). */
    public void register() {
        if (contexts != null) {
            contexts.add(this);
        }
    }

    public void unregister() {
        if (contexts != null) {
            contexts.remove(this);
        }
    }
    public State state() { return state; }
    public void state(State value) { state = value; }
    public ServletMatcher matcher() { return matcher; }
    public void matcher(ServletMatcher value) { matcher = value; }
    public Map<String, ServletHolder> servletHolders() { return servlets; }
    public Map<String, FilterHolder> filterHolders() { return filters; }
    public List<FilterMapping> filterMappings() { return filterMappings; }
    public Set<String> declaredRoles() { return declaredRoles; }

    /** Adds a filter mapping; "before" mappings (isMatchAfter=false) go ahead of the declared ones. */
    public void addFilterMapping(FilterMapping mapping, boolean matchAfter) {
        if (matchAfter) {
            filterMappings.add(mapping);
        } else {
            filterMappings.add(filterMappingsBefore++, mapping);
        }
    }

    public <T> Class<? extends T> loadClass(String className, Class<T> type) throws ServletException {
        try {
            return Class.forName(className, false, classLoader).asSubclass(type);
        } catch (ClassNotFoundException | ClassCastException | LinkageError e) {
            throw new ServletException("cannot load " + type.getSimpleName() + " class " + className + ": " + e, e);
        }
    }

    public <T> T instantiate(Class<T> type) throws ServletException {
        try {
            return Tccl.call(classLoader, () -> type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ServletException("cannot instantiate " + type.getName() + ": " + e, e);
        }
    }

    private void checkInitializing() {
        if (state != State.INITIALIZING) {
            throw new IllegalStateException("the servlet context is " + state.name().toLowerCase(Locale.ROOT) + ", not initializing");
        }
    }

    // --- identity and versions ---------------------------------------------------------------

    @Override public String getContextPath() { return descriptor.contextPath(); }
    @Override public int getMajorVersion() { return 6; }
    @Override public int getMinorVersion() { return 1; }
    @Override public int getEffectiveMajorVersion() { return descriptor.majorVersion() > 0 ? descriptor.majorVersion() : 6; }
    @Override public int getEffectiveMinorVersion() { return descriptor.majorVersion() > 0 ? descriptor.minorVersion() : 1; }
    @Override public String getServerInfo() { return "jgunicorn/0.1"; }
    @Override public String getServletContextName() { return descriptor.displayName(); }
    @Override public String getVirtualServerName() { return "jgunicorn"; }
    @Override public ClassLoader getClassLoader() { return classLoader; }

    /**
     * The context mounted at the longest prefix of {@code uripath}. Another application's context only
     * with {@code cross_context} on (null otherwise, as Tomcat does); without a registry (a bridge
     * used on its own) only this context is known.
     */
    @Override
    public ServletContext getContext(String uripath) {
        if (uripath == null || !uripath.startsWith("/")) {
            return null;
        }
        String own = descriptor.contextPath();
        ServletContextImpl found = contexts == null ? null : contexts.find(uripath);
        if (ContextRegistry.covers(own, uripath) && (found == null || found.getContextPath().length() <= own.length())) {
            found = this; // also while starting, before this context joined the registry
        }
        return found == this || crossContext ? found : null;
    }


    // --- resources -----------------------------------------------------------------------------

    @Override
    public String getMimeType(String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String override = descriptor.mimeTypes().get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
        return override != null ? override : MimeTypes.DEFAULTS.getMimeByExtension(file);
    }

    /** The path made canonical, or null when it tries to leave the application. */
    private static String canonical(String path) {
        return path == null || !path.startsWith("/") ? null : URIUtil.normalizePath(path);
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        String dir = canonical(path);
        return dir == null ? null : descriptor.resources().list(dir.endsWith("/") ? dir : dir + "/");
    }

    @Override
    public URL getResource(String path) throws MalformedURLException {
        if (path == null || !path.startsWith("/")) {
            throw new MalformedURLException("resource path must start with /: " + path);
        }
        String clean = canonical(path);
        try {
            return clean == null ? null : descriptor.resources().getResource(clean);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        String clean = canonical(path);
        try {
            return clean == null ? null : descriptor.resources().open(clean);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String getRealPath(String path) {
        String clean = canonical(path == null || path.startsWith("/") ? path : "/" + path);
        Path real = clean == null ? null : descriptor.resources().realPath(clean);
        return real == null ? null : real.toString();
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return RequestDispatcherImpl.forPath(this, path);
    }

    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        ServletHolder holder = servlets.get(name);
        return holder == null ? null : RequestDispatcherImpl.named(this, holder);
    }

    // --- logging --------------------------------------------------------------------------------

    @Override public void log(String msg) { logger.info(msg); }
    @Override public void log(String message, Throwable throwable) { logger.error(message, throwable); }

    // --- init parameters and attributes ----------------------------------------------------------

    @Override public String getInitParameter(String name) { return initParams.get(requireName(name)); }
    @Override public Enumeration<String> getInitParameterNames() { return Collections.enumeration(List.copyOf(initParams.keySet())); }

    @Override
    public boolean setInitParameter(String name, String value) {
        checkInitializing();
        return initParams.putIfAbsent(requireName(name), value) == null;
    }

    private static String requireName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        return name;
    }

    @Override public Object getAttribute(String name) { return attributes.get(requireName(name)); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(List.copyOf(attributes.keySet())); }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        Object old = attributes.put(requireName(name), value);
        ServletContextAttributeEvent event = new ServletContextAttributeEvent(this, name, old == null ? value : old);
        if (old == null) {
            Listeners.fire(classLoader, listeners.contextAttribute, l -> l.attributeAdded(event));
        } else {
            Listeners.fire(classLoader, listeners.contextAttribute, l -> l.attributeReplaced(event));
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object old = attributes.remove(requireName(name));
        if (old != null) {
            ServletContextAttributeEvent event = new ServletContextAttributeEvent(this, name, old);
            Listeners.fire(classLoader, listeners.contextAttribute, l -> l.attributeRemoved(event));
        }
    }

    // --- programmatic registration ------------------------------------------------------------

    @Override public ServletRegistration.Dynamic addServlet(String name, String className) { return addServlet(name, h -> h.className(className)); }
    @Override public ServletRegistration.Dynamic addServlet(String name, Servlet servlet) { return addServlet(name, h -> h.instance(servlet)); }
    @Override public ServletRegistration.Dynamic addServlet(String name, Class<? extends Servlet> type) { return addServlet(name, h -> h.servletClass(type)); }

    @Override
    public ServletRegistration.Dynamic addJspFile(String name, String jspFile) {
        checkInitializing();
        ServletHolder jsp = servlets.get(io.jgunicorn.bridge.deployment.ServletDef.JSP_SERVLET);
        if (jsp == null || jsp.className() == null) {
            throw new UnsupportedOperationException("this application has no JSP servlet (named jsp) to serve " + jspFile);
        }
        return addServlet(name, h -> io.jgunicorn.bridge.core.JspFiles.convert(h, jsp.className(), jsp.initParams(), jspFile));
    }

    private ServletRegistration.Dynamic addServlet(String name, java.util.function.Consumer<ServletHolder> setter) {
        checkInitializing();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("servlet name is empty");
        }
        ServletHolder holder = servlets.get(name);
        if (holder != null && holder.className() != null) {
            return null;
        }
        if (holder == null) {
            holder = new ServletHolder(this, name);
            servlets.put(name, holder);
        }
        setter.accept(holder);
        return new ServletRegistrationImpl(this, holder);
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> type) throws ServletException {
        checkInitializing();
        return instantiate(type);
    }

    @Override
    public ServletRegistration getServletRegistration(String name) {
        ServletHolder holder = servlets.get(name);
        return holder == null ? null : new ServletRegistrationImpl(this, holder);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        Map<String, ServletRegistration> all = new HashMap<>();
        servlets.forEach((name, holder) -> all.put(name, new ServletRegistrationImpl(this, holder)));
        return Collections.unmodifiableMap(all);
    }

    @Override public FilterRegistration.Dynamic addFilter(String name, String className) { return addFilter(name, h -> h.className(className)); }
    @Override public FilterRegistration.Dynamic addFilter(String name, Filter filter) { return addFilter(name, h -> h.instance(filter)); }
    @Override public FilterRegistration.Dynamic addFilter(String name, Class<? extends Filter> type) { return addFilter(name, h -> h.filterClass(type)); }

    private FilterRegistration.Dynamic addFilter(String name, java.util.function.Consumer<FilterHolder> setter) {
        checkInitializing();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("filter name is empty");
        }
        FilterHolder holder = filters.get(name);
        if (holder != null && holder.className() != null) {
            return null;
        }
        if (holder == null) {
            holder = new FilterHolder(this, name);
            filters.put(name, holder);
        }
        setter.accept(holder);
        return new FilterRegistrationImpl(this, holder);
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> type) throws ServletException {
        checkInitializing();
        return instantiate(type);
    }

    @Override
    public FilterRegistration getFilterRegistration(String name) {
        FilterHolder holder = filters.get(name);
        return holder == null ? null : new FilterRegistrationImpl(this, holder);
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        Map<String, FilterRegistration> all = new HashMap<>();
        filters.forEach((name, holder) -> all.put(name, new FilterRegistrationImpl(this, holder)));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public void addListener(String className) {
        checkInitializing();
        try {
            addListener(loadClass(className, EventListener.class));
        } catch (ServletException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public <T extends EventListener> void addListener(T listener) {
        checkInitializing();
        listeners.add(listener);
    }

    @Override
    public void addListener(Class<? extends EventListener> type) {
        checkInitializing();
        try {
            listeners.add(createListener(type));
        } catch (ServletException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> type) throws ServletException {
        if (!Listeners.isSupported(type)) {
            throw new IllegalArgumentException(type.getName() + " implements no supported listener interface");
        }
        return instantiate(type);
    }

    @Override
    public void declareRoles(String... roleNames) {
        checkInitializing();
        for (String role : roleNames) {
            if (role == null || role.isEmpty()) {
                throw new IllegalArgumentException("empty role name");
            }
            declaredRoles.add(role);
        }
    }

    @Override public JspConfigDescriptor getJspConfigDescriptor() { return io.jgunicorn.bridge.spec.JspConfigDescriptorImpl.of(descriptor.jspConfig()); }

    // --- sessions and encodings ---------------------------------------------------------------

    @Override public SessionCookieConfig getSessionCookieConfig() { return sessions.cookieConfig(); }
    @Override public Set<SessionTrackingMode> getDefaultSessionTrackingModes() { return sessions.defaultTrackingModes(); }
    @Override public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() { return sessions.trackingModes(); }
    @Override public int getSessionTimeout() { return sessions.timeoutMinutes(); }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        checkInitializing();
        sessions.trackingModes(modes);
    }

    @Override
    public void setSessionTimeout(int minutes) {
        checkInitializing();
        sessions.timeoutMinutes(minutes);
    }

    @Override public String getRequestCharacterEncoding() { return requestCharacterEncoding; }
    @Override public String getResponseCharacterEncoding() { return responseCharacterEncoding; }

    @Override
    public void setRequestCharacterEncoding(String encoding) {
        checkInitializing();
        requestCharacterEncoding = encoding;
    }

    @Override
    public void setResponseCharacterEncoding(String encoding) {
        checkInitializing();
        responseCharacterEncoding = encoding;
    }
}
