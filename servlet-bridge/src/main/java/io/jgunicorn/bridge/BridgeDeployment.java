package io.jgunicorn.bridge;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.FilterMapping;
import io.jgunicorn.bridge.core.JspFiles;
import io.jgunicorn.bridge.core.Listeners;
import io.jgunicorn.bridge.core.NoPluggabilityContext;
import io.jgunicorn.bridge.core.ServletHolder;
import io.jgunicorn.bridge.core.Tccl;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.handlers.BridgeApplication;
import io.jgunicorn.bridge.handlers.DefaultServlet;
import io.jgunicorn.bridge.spec.ServletContextImpl;
import io.jgunicorn.container.spi.HttpApplication;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one web application: start builds its {@link Deployment}, registers the declared
 * servlets and filters, runs initializers and listeners and initializes filters and load-on-startup
 * servlets; stop tears down in reverse. It assembles the layers, so it sits above all of them.
 */
public final class BridgeDeployment implements WebAppDeployment {

    static final String DEFAULT_SERVLET = "default";

    private final WebAppDescriptor descriptor;
    private final BridgeOptions options;
    private Deployment deployment;
    private BridgeApplication application;

    BridgeDeployment(WebAppDescriptor descriptor, BridgeOptions options) {
        this.descriptor = descriptor;
        this.options = options;
    }

    @Override
    public WebAppDescriptor descriptor() {
        return descriptor;
    }

    /** The running application's context, or null when not started (for tests and the deploy loader's status). */
    public ServletContext context() {
        return deployment == null ? null : deployment.servletContext();
    }

    /** The running application's state, or null when not started (for tests). */
    public Deployment deployment() {
        return deployment;
    }

    @Override
    public synchronized HttpApplication start() throws Exception {
        if (application != null) {
            throw new IllegalStateException("already started: " + name());
        }
        String authMethod = descriptor.security().authMethod();
        if (authMethod != null && !authMethod.isBlank()
                && !io.jgunicorn.bridge.security.SecurityHandler.AUTH_METHODS.contains(authMethod.strip().toUpperCase(java.util.Locale.ROOT))) {
            throw new ServletException("web application " + name() + " failed to start: its login-config asks for auth-method "
                    + authMethod + ", which jgunicorn does not support (it supports BASIC, DIGEST, FORM and CLIENT-CERT)");
        }
        Deployment d = new Deployment(descriptor, options.realm(), options.sessionStore().apply(descriptor),
                options.contexts(), options.crossContext(), options.absoluteRedirects(), options.compression(), ServletContextImpl::new);
        deployment = d;
        try {
            register(d);
            d.servletContext().setAttribute(io.jgunicorn.bridge.core.Injector.ATTRIBUTE, injectorFor(d));
            d.initializing();
            Tccl.run(descriptor.classLoader(), () -> initialize(d));
            mapDefaultServlet(d);
            d.started();
            for (FilterHolder filter : d.filters()) {
                filter.init();
            }
            for (ServletHolder servlet : loadOnStartupOrder(d)) {
                loadOnStartup(d, servlet);
            }
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            try {
                stop();
            } catch (RuntimeException | Error cleanup) {
                if (cleanup instanceof VirtualMachineError vme) {
                    throw vme;
                }
                e.addSuppressed(cleanup); // the start failure is the one to report
            }
            throw new ServletException("web application " + name() + " failed to start: " + e.getMessage() + rootCause(e), e);
        }
        application = new BridgeApplication(d, this::stop);
        d.join();
        return application;
    }

    /**
     * Initializes a load-on-startup servlet. As Tomcat (without {@code failCtxIfServletStartFails}), a
     * failure is logged once and leaves that servlet answering 503 while the rest of the application runs.
     */
    private void loadOnStartup(Deployment d, ServletHolder servlet) throws ServletException {
        try {
            servlet.servlet();
        } catch (ServletException | RuntimeException | LinkageError e) {
            if (options.failOnServletStartFailure()) {
                throw e;
            }
            d.log("servlet " + servlet.name() + " failed to start; it answers 503 until the application is redeployed"
                    + " (set fail_ctx_if_servlet_start_fails to fail the deploy instead)", e);
            servlet.startFailed(e);
        }
    }

    /** The injector as Jasper's InstanceManager reaches it: platform types only ("inject" or "destroy", instance). */
    private static java.util.function.BiConsumer<String, Object> injectorFor(Deployment d) {
        return (op, instance) -> {
            if (op.equals("destroy")) {
                d.preDestroy(instance);
                return;
            }
            try {
                Tccl.run(d.classLoader(), () -> d.injector().inject(instance));
            } catch (ServletException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    private String name() {
        return descriptor.contextPath().isEmpty() ? "/" : descriptor.contextPath();
    }

    private void register(Deployment d) throws ServletException {
        ServletDef jsp = descriptor.servlets().stream().filter(s -> s.name().equals(ServletDef.JSP_SERVLET)).findFirst().orElse(null);
        for (ServletDef def : descriptor.servlets()) {
            ServletHolder holder = d.newServlet(def.name());
            holder.className(def.className());
            holder.initParams().putAll(def.initParams());
            if (def.className() == null && def.jspFile() != null) {
                JspFiles.convert(holder, jsp == null ? null : jsp.className(), jsp == null ? Map.of() : jsp.initParams(), def.jspFile());
            }
            holder.loadOnStartup(def.loadOnStartup() == null ? -1 : def.loadOnStartup());
            holder.asyncSupported(def.asyncSupported());
            holder.enabled(def.enabled() && holder.className() != null);
            holder.runAsRole(def.runAsRole());
            holder.roleRefs(def.roleRefs());
            holder.multipart(multipart(def.multipart()));
            if (holder.className() != null && descriptor.environment().annotations()) {
                securityAnnotations(d, holder);
            }
            if (holder.className() == null) {
                d.log("servlet " + def.name() + " is a JSP (" + def.jspFile() + ") but the application has no JSP servlet; it stays unmapped");
            }
        }
        if (d.servlet(DEFAULT_SERVLET) == null) {
            // like Tomcat's and Jetty's global web.xml: a "default" servlet always exists for named dispatch
            d.newServlet(DEFAULT_SERVLET).instance(new DefaultServlet(descriptor.resources()));
        }
        for (ServletMappingDef mapping : descriptor.servletMappings()) {
            ServletHolder holder = d.servlet(mapping.servletName());
            if (holder == null) {
                throw new ServletException("servlet-mapping names unknown servlet " + mapping.servletName());
            }
            holder.mappings().addAll(mapping.urlPatterns());
        }
        for (FilterDef def : descriptor.filters()) {
            FilterHolder holder = d.newFilter(def.name());
            holder.className(def.className());
            holder.initParams().putAll(def.initParams());
            holder.asyncSupported(def.asyncSupported());
        }
        for (FilterMappingDef mapping : descriptor.filterMappings()) {
            FilterHolder holder = d.filter(mapping.filterName());
            if (holder == null) {
                throw new ServletException("filter-mapping names unknown filter " + mapping.filterName());
            }
            EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
            mapping.dispatchers().forEach(t -> types.add(DispatcherType.valueOf(t)));
            d.addFilterMapping(FilterMapping.of(holder, mapping.urlPatterns(), mapping.servletNames(), types), true);
        }
    }

    /**
     * {@code @DeclareRoles} and {@code @RunAs} of a declared servlet's class (Servlet 6.1 section
     * 15.5.1 and 15.5.2); a class that cannot load fails later, when the servlet is made.
     */
    private static void securityAnnotations(Deployment d, ServletHolder holder) {
        Class<?> type;
        try {
            type = Class.forName(holder.className(), false, d.classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        for (java.lang.annotation.Annotation a : type.getAnnotations()) {
            String name = a.annotationType().getName();
            try {
                if (name.equals("jakarta.annotation.security.DeclareRoles")) {
                    for (String role : (String[]) a.annotationType().getMethod("value").invoke(a)) {
                        d.declareRole(role);
                    }
                } else if (name.equals("jakarta.annotation.security.RunAs") && holder.runAsRole() == null) {
                    holder.runAsRole((String) a.annotationType().getMethod("value").invoke(a));
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                d.log("cannot read @" + a.annotationType().getSimpleName() + " of " + type.getName() + ": " + e);
            }
        }
    }

    /** The built-in default servlet takes "/" only when the application mapped nothing there. */
    private static void mapDefaultServlet(Deployment d) {
        ServletHolder holder = d.servlet(DEFAULT_SERVLET);
        boolean slashTaken = d.servlets().stream().anyMatch(h -> h.enabled() && h.mappings().contains("/"));
        if (holder != null && holder.className().equals(DefaultServlet.class.getName()) && !slashTaken) {
            holder.mappings().add("/");
        }
    }

    private static MultipartConfigElement multipart(MultipartConfigDef def) {
        if (def == null) {
            return null;
        }
        return new MultipartConfigElement(def.location() == null ? "" : def.location(), def.maxFileSize(), def.maxRequestSize(), def.fileSizeThreshold());
    }

    /**
     * Initializers first, then declared listeners, then contextInitialized for all of them; those an
     * initializer added see a context they cannot configure further.
     */
    private void initialize(Deployment d) throws ServletException {
        ServletContext ctx = d.servletContext();
        for (InitializerDef def : descriptor.initializers()) {
            ServletContainerInitializer initializer = d.instantiate(d.loadClass(def.className(), ServletContainerInitializer.class));
            initializer.onStartup(handlesTypes(d, def), ctx);
        }
        d.refuseContextListeners(); // only initializers may add one (ServletContext.addListener)
        List<EventListener> declared = new ArrayList<>();
        for (String className : descriptor.listeners()) {
            declared.add(ctx.createListener(d.loadClass(className, EventListener.class)));
        }
        // declared listeners are notified before programmatically added ones, as Tomcat and Jetty do
        d.listeners().prepend(declared);
        ServletContextEvent event = new ServletContextEvent(ctx);
        ServletContextEvent restricted = null;
        for (var listener : d.listeners().context) {
            if (declared.contains(listener)) {
                listener.contextInitialized(event);
            } else {
                // added programmatically: may not configure the context further (Servlet 6.1 section 4.4)
                if (restricted == null) {
                    restricted = new ServletContextEvent(NoPluggabilityContext.of(ctx));
                }
                listener.contextInitialized(restricted);
            }
        }
    }

    private static Set<Class<?>> handlesTypes(Deployment d, InitializerDef def) {
        if (def.handlesTypes() == null) {
            return null;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String name : def.handlesTypes()) {
            try {
                classes.add(Class.forName(name, false, d.classLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load (missing optional dependency) is skipped, as Tomcat does
                d.log("@HandlesTypes match " + name + " cannot be loaded for " + def.className() + ": " + e);
            }
        }
        return classes;
    }

    private static List<ServletHolder> loadOnStartupOrder(Deployment d) {
        return d.servlets().stream()
                .filter(h -> h.enabled() && h.loadOnStartup() >= 0)
                .sorted(Comparator.comparingInt(ServletHolder::loadOnStartup))
                .toList();
    }

    @Override
    public synchronized void stop() {
        Deployment d = deployment;
        if (d == null || d.state() == Deployment.State.STOPPED) {
            return;
        }
        boolean wasInitialized = d.state() != Deployment.State.DEPLOYED;
        d.stopped(); // first: no other application dispatches into what is being torn down
        d.servlets().stream().toList().reversed().forEach(ServletHolder::destroy);
        d.filters().stream().toList().reversed().forEach(FilterHolder::destroy);
        d.sessions().invalidateAll();
        d.timer().shutdown();
        if (wasInitialized) {
            ServletContextEvent event = new ServletContextEvent(d.servletContext());
            try {
                Listeners.fireReversed(d.classLoader(), d.listeners().context, l -> l.contextDestroyed(event));
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                d.log("contextDestroyed failed", e); // an application's Error must not end the worker stopping it
            }
        }
        d.preDestroyRemaining();
        application = null;
    }

    @Override
    public synchronized void undeploy() {
        stop();
        deployment = null;
    }

    /** The innermost cause, when it says more than the exception itself (a library's wrapped failure). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : " (caused by " + root + ")";
    }
}
