package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.ServletContextImpl;
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
import io.jgunicorn.bridge.handlers.ServletMatcher;
import io.jgunicorn.bridge.BridgeOptions;
import io.jgunicorn.bridge.security.SecurityHandler;
import io.jgunicorn.container.spi.HttpApplication;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lifecycle of one web application: deploy registers the declared servlets and filters; start
 * runs initializers and listeners and initializes filters and load-on-startup servlets; stop tears
 * down in reverse.
 */
public final class BridgeDeployment implements WebAppDeployment {

    static final String DEFAULT_SERVLET = "default";

    private final WebAppDescriptor descriptor;
    private final BridgeOptions options;
    private ServletContextImpl context;
    private BridgeApplication application;

    public BridgeDeployment(WebAppDescriptor descriptor, BridgeOptions options) {
        this.descriptor = descriptor;
        this.options = options;
    }

    @Override
    public WebAppDescriptor descriptor() {
        return descriptor;
    }

    /** The running context, or null when not started (for tests and the deploy loader's status). */
    public ServletContextImpl context() {
        return context;
    }

    @Override
    public synchronized HttpApplication start() throws Exception {
        if (application != null) {
            throw new IllegalStateException("already started: " + name());
        }
        ServletContextImpl ctx = new ServletContextImpl(descriptor, options.sessionStore().apply(descriptor));
        context = ctx;
        ctx.security(new SecurityHandler(ctx, options.realm()));
        ctx.contexts(options.contexts(), options.crossContext());
        try {
            register(ctx);
            ctx.state(ServletContextImpl.State.INITIALIZING);
            Tccl.run(descriptor.classLoader(), () -> initialize(ctx));
            ctx.state(ServletContextImpl.State.STARTED);
            mapDefaultServlet(ctx);
            ctx.matcher(ServletMatcher.build(ctx));
            for (FilterHolder filter : ctx.filterHolders().values()) {
                filter.init();
            }
            for (ServletHolder servlet : loadOnStartupOrder(ctx)) {
                servlet.servlet();
            }
        } catch (Exception | LinkageError e) {
            stop();
            throw new ServletException("web application " + name() + " failed to start: " + e.getMessage() + rootCause(e), e);
        }
        application = new BridgeApplication(ctx, this::stop);
        ctx.application(application);
        ctx.register();
        return application;
    }

    private String name() {
        return descriptor.contextPath().isEmpty() ? "/" : descriptor.contextPath();
    }

    private void register(ServletContextImpl ctx) throws ServletException {
        ServletDef jsp = descriptor.servlets().stream().filter(d -> d.name().equals(ServletDef.JSP_SERVLET)).findFirst().orElse(null);
        for (ServletDef def : descriptor.servlets()) {
            ServletHolder holder = new ServletHolder(ctx, def.name());
            holder.className(def.className());
            holder.initParams().putAll(def.initParams());
            if (def.className() == null && def.jspFile() != null) {
                JspFiles.convert(holder, jsp == null ? null : jsp.className(), jsp == null ? java.util.Map.of() : jsp.initParams(), def.jspFile());
            }
            holder.loadOnStartup(def.loadOnStartup() == null ? -1 : def.loadOnStartup());
            holder.asyncSupported(def.asyncSupported());
            holder.enabled(def.enabled() && holder.className() != null);
            holder.runAsRole(def.runAsRole());
            holder.multipart(multipart(def.multipart()));
            if (holder.className() == null) {
                ctx.log("servlet " + def.name() + " is a JSP (" + def.jspFile() + ") but the application has no JSP servlet; it stays unmapped");
            }
            ctx.servletHolders().put(def.name(), holder);
        }
        if (!ctx.servletHolders().containsKey(DEFAULT_SERVLET)) {
            // like Tomcat's and Jetty's global web.xml: a "default" servlet always exists for named dispatch
            ServletHolder holder = new ServletHolder(ctx, DEFAULT_SERVLET);
            holder.instance(new DefaultServlet());
            ctx.servletHolders().put(DEFAULT_SERVLET, holder);
        }
        for (ServletMappingDef mapping : descriptor.servletMappings()) {
            ServletHolder holder = ctx.servletHolders().get(mapping.servletName());
            if (holder == null) {
                throw new ServletException("servlet-mapping names unknown servlet " + mapping.servletName());
            }
            holder.mappings().addAll(mapping.urlPatterns());
        }
        for (FilterDef def : descriptor.filters()) {
            FilterHolder holder = new FilterHolder(ctx, def.name());
            holder.className(def.className());
            holder.initParams().putAll(def.initParams());
            holder.asyncSupported(def.asyncSupported());
            ctx.filterHolders().put(def.name(), holder);
        }
        for (FilterMappingDef mapping : descriptor.filterMappings()) {
            FilterHolder holder = ctx.filterHolders().get(mapping.filterName());
            if (holder == null) {
                throw new ServletException("filter-mapping names unknown filter " + mapping.filterName());
            }
            EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
            mapping.dispatchers().forEach(d -> types.add(DispatcherType.valueOf(d)));
            ctx.addFilterMapping(FilterMapping.of(holder, mapping.urlPatterns(), mapping.servletNames(), types), true);
        }
    }

    /** The built-in default servlet takes "/" only when the application mapped nothing there. */
    private static void mapDefaultServlet(ServletContextImpl ctx) {
        ServletHolder holder = ctx.servletHolders().get(DEFAULT_SERVLET);
        boolean slashTaken = ctx.servletHolders().values().stream().anyMatch(h -> h.enabled() && h.mappings().contains("/"));
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
    private void initialize(ServletContextImpl ctx) throws ServletException {
        for (InitializerDef def : descriptor.initializers()) {
            ServletContainerInitializer initializer = ctx.instantiate(ctx.loadClass(def.className(), ServletContainerInitializer.class));
            initializer.onStartup(handlesTypes(ctx, def), ctx);
        }
        List<EventListener> declared = new ArrayList<>();
        for (String className : descriptor.listeners()) {
            declared.add(ctx.createListener(ctx.loadClass(className, EventListener.class)));
        }
        // declared listeners are notified before programmatically added ones, as Tomcat and Jetty do
        ctx.listeners().prepend(declared);
        ServletContextEvent event = new ServletContextEvent(ctx);
        ServletContextEvent restricted = null;
        for (var listener : ctx.listeners().context) {
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

    private static Set<Class<?>> handlesTypes(ServletContextImpl ctx, InitializerDef def) throws ServletException {
        if (def.handlesTypes() == null) {
            return null;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String name : def.handlesTypes()) {
            try {
                classes.add(Class.forName(name, false, ctx.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load (missing optional dependency) is skipped, as Tomcat does
                ctx.log("@HandlesTypes match " + name + " cannot be loaded for " + def.className() + ": " + e);
            }
        }
        return classes;
    }

    private static List<ServletHolder> loadOnStartupOrder(ServletContextImpl ctx) {
        return ctx.servletHolders().values().stream()
                .filter(h -> h.enabled() && h.loadOnStartup() >= 0)
                .sorted(Comparator.comparingInt(ServletHolder::loadOnStartup))
                .toList();
    }

    @Override
    public synchronized void stop() {
        ServletContextImpl ctx = context;
        if (ctx == null || ctx.state() == ServletContextImpl.State.STOPPED) {
            return;
        }
        boolean wasInitialized = ctx.state() != ServletContextImpl.State.DEPLOYED;
        ctx.unregister(); // first: no other application dispatches into what is being torn down
        ctx.state(ServletContextImpl.State.STOPPED);
        ctx.servletHolders().values().stream().toList().reversed().forEach(ServletHolder::destroy);
        ctx.filterHolders().values().stream().toList().reversed().forEach(FilterHolder::destroy);
        ctx.sessions().invalidateAll();
        ctx.shutdownScheduler();
        if (wasInitialized) {
            ServletContextEvent event = new ServletContextEvent(ctx);
            try {
                Listeners.fireReversed(ctx.getClassLoader(), ctx.listeners().context, l -> l.contextDestroyed(event));
            } catch (RuntimeException e) {
                ctx.log("contextDestroyed failed", e);
            }
        }
        application = null;
    }

    @Override
    public synchronized void undeploy() {
        stop();
        context = null;
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
