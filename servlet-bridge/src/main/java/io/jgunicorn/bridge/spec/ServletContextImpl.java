package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.JspFiles;
import io.jgunicorn.bridge.core.Listeners;
import io.jgunicorn.bridge.core.ServletHolder;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextListener;
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
import java.util.Collections;
import java.util.Enumeration;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.util.URIUtil;

/**
 * The {@link ServletContext} of one web application: the Servlet API over its {@link Deployment}
 * (registries, listeners, sessions, dispatchers), plus what the API itself keeps: context
 * attributes and parameters and the default encodings.
 */
public final class ServletContextImpl implements ServletContext {

    private final Deployment deployment;
    private final WebAppDescriptor descriptor;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private String requestCharacterEncoding;
    private String responseCharacterEncoding;

    /** Called by the deployment's constructor: reads only its descriptor. */
    public ServletContextImpl(Deployment deployment) {
        this.deployment = deployment;
        this.descriptor = deployment.descriptor();
        this.initParams.putAll(descriptor.contextParams());
        this.requestCharacterEncoding = descriptor.requestCharacterEncoding();
        this.responseCharacterEncoding = descriptor.responseCharacterEncoding();
        if (descriptor.tempDir() != null) {
            attributes.put(TEMPDIR, descriptor.tempDir().toFile());
        }
    }

    /** The deployment behind a context of this bridge, for the other façades of this package. */
    Deployment deployment() {
        return deployment;
    }

    private void checkInitializing() {
        deployment.checkInitializing();
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
    @Override public ClassLoader getClassLoader() { return deployment.classLoader(); }

    /**
     * The context mounted at the longest prefix of {@code uripath}. Another application's context only
     * with {@code cross_context} on (null otherwise, as Tomcat does); without a registry (a bridge
     * used on its own) only this context is known.
     */
    @Override
    public ServletContext getContext(String uripath) {
        Deployment found = deployment.reachable(uripath);
        return found == null ? null : found.servletContext();
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
        return RequestDispatcherImpl.forPath(deployment, path);
    }

    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        ServletHolder holder = deployment.servlet(name);
        return holder == null ? null : RequestDispatcherImpl.named(deployment, holder);
    }

    // --- logging --------------------------------------------------------------------------------

    @Override public void log(String msg) { deployment.log(msg); }
    @Override public void log(String message, Throwable throwable) { deployment.log(message, throwable); }

    // --- init parameters and attributes ----------------------------------------------------------

    @Override public String getInitParameter(String name) { return initParams.get(requireName(name)); }
    @Override public Enumeration<String> getInitParameterNames() { return Collections.enumeration(List.copyOf(initParams.keySet())); }

    @Override
    public boolean setInitParameter(String name, String value) {
        requireName(name); // a null name is refused first, whatever the state (its Javadoc)
        checkInitializing();
        return initParams.putIfAbsent(name, value) == null;
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
            Listeners.fire(deployment.classLoader(), deployment.listeners().contextAttribute, l -> l.attributeAdded(event));
        } else {
            Listeners.fire(deployment.classLoader(), deployment.listeners().contextAttribute, l -> l.attributeReplaced(event));
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object old = attributes.remove(requireName(name));
        if (old != null) {
            ServletContextAttributeEvent event = new ServletContextAttributeEvent(this, name, old);
            Listeners.fire(deployment.classLoader(), deployment.listeners().contextAttribute, l -> l.attributeRemoved(event));
        }
    }

    // --- programmatic registration ------------------------------------------------------------

    @Override public ServletRegistration.Dynamic addServlet(String name, String className) { return addServlet(name, h -> h.className(className)); }
    @Override public ServletRegistration.Dynamic addServlet(String name, Servlet servlet) { return addServlet(name, h -> h.instance(servlet)); }
    @Override public ServletRegistration.Dynamic addServlet(String name, Class<? extends Servlet> type) { return addServlet(name, h -> h.heldClass(type)); }

    @Override
    public ServletRegistration.Dynamic addJspFile(String name, String jspFile) {
        checkInitializing();
        ServletHolder jsp = deployment.servlet(ServletDef.JSP_SERVLET);
        if (jsp == null || jsp.className() == null) {
            throw new UnsupportedOperationException("this application has no JSP servlet (named jsp) to serve " + jspFile);
        }
        return addServlet(name, h -> JspFiles.convert(h, jsp.className(), jsp.initParams(), jspFile));
    }

    private ServletRegistration.Dynamic addServlet(String name, Consumer<ServletHolder> setter) {
        checkInitializing();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("servlet name is empty");
        }
        ServletHolder holder = deployment.servlet(name);
        if (holder != null && holder.className() != null) {
            return null;
        }
        if (holder == null) {
            holder = deployment.newServlet(name);
        }
        setter.accept(holder);
        return new ServletRegistrationImpl(deployment, holder);
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> type) throws ServletException {
        checkInitializing();
        return deployment.instantiate(type);
    }

    @Override
    public ServletRegistration getServletRegistration(String name) {
        ServletHolder holder = deployment.servlet(name);
        return holder == null ? null : new ServletRegistrationImpl(deployment, holder);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        Map<String, ServletRegistration> all = new HashMap<>();
        deployment.servlets().forEach(holder -> all.put(holder.name(), new ServletRegistrationImpl(deployment, holder)));
        return Collections.unmodifiableMap(all);
    }

    @Override public FilterRegistration.Dynamic addFilter(String name, String className) { return addFilter(name, h -> h.className(className)); }
    @Override public FilterRegistration.Dynamic addFilter(String name, Filter filter) { return addFilter(name, h -> h.instance(filter)); }
    @Override public FilterRegistration.Dynamic addFilter(String name, Class<? extends Filter> type) { return addFilter(name, h -> h.heldClass(type)); }

    private FilterRegistration.Dynamic addFilter(String name, Consumer<FilterHolder> setter) {
        checkInitializing();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("filter name is empty");
        }
        FilterHolder holder = deployment.filter(name);
        if (holder != null && holder.className() != null) {
            return null;
        }
        if (holder == null) {
            holder = deployment.newFilter(name);
        }
        setter.accept(holder);
        return new FilterRegistrationImpl(deployment, holder);
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> type) throws ServletException {
        checkInitializing();
        return deployment.instantiate(type);
    }

    @Override
    public FilterRegistration getFilterRegistration(String name) {
        FilterHolder holder = deployment.filter(name);
        return holder == null ? null : new FilterRegistrationImpl(deployment, holder);
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        Map<String, FilterRegistration> all = new HashMap<>();
        deployment.filters().forEach(holder -> all.put(holder.name(), new FilterRegistrationImpl(deployment, holder)));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public void addListener(String className) {
        checkInitializing();
        try {
            addListener(deployment.loadClass(className, EventListener.class));
        } catch (ServletException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public <T extends EventListener> void addListener(T listener) {
        checkInitializing();
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        refuseLateContextListener(listener.getClass());
        deployment.listeners().add(listener);
    }

    @Override
    public void addListener(Class<? extends EventListener> type) {
        checkInitializing();
        refuseLateContextListener(type);
        try {
            deployment.listeners().add(createListener(type));
        } catch (ServletException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A ServletContextListener may come from a ServletContainerInitializer only, not from another listener. */
    private void refuseLateContextListener(Class<?> type) {
        if (ServletContextListener.class.isAssignableFrom(type) && !deployment.contextListenersAllowed()) {
            throw new IllegalArgumentException(type.getName() + " is a ServletContextListener: only a "
                    + "ServletContainerInitializer may add one");
        }
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> type) throws ServletException {
        if (!Listeners.isSupported(type)) {
            throw new IllegalArgumentException(type.getName() + " implements no supported listener interface");
        }
        return deployment.instantiate(type);
    }

    @Override
    public void declareRoles(String... roleNames) {
        checkInitializing();
        for (String role : roleNames) {
            if (role == null || role.isEmpty()) {
                throw new IllegalArgumentException("empty role name");
            }
            deployment.declareRole(role);
        }
    }

    @Override public JspConfigDescriptor getJspConfigDescriptor() { return JspConfigDescriptorImpl.of(descriptor.jspConfig()); }

    // --- sessions and encodings ---------------------------------------------------------------

    @Override public SessionCookieConfig getSessionCookieConfig() { return deployment.sessions().cookieConfig(); }
    @Override public Set<SessionTrackingMode> getDefaultSessionTrackingModes() { return deployment.sessions().defaultTrackingModes(); }
    @Override public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() { return deployment.sessions().trackingModes(); }
    @Override public int getSessionTimeout() { return deployment.sessions().timeoutMinutes(); }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        checkInitializing();
        deployment.sessions().trackingModes(modes);
    }

    @Override
    public void setSessionTimeout(int minutes) {
        checkInitializing();
        deployment.sessions().timeoutMinutes(minutes);
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
