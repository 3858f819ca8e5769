package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.deployment.Compression;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.Realm;
import io.jgunicorn.bridge.security.SecurityHandler;
import io.jgunicorn.bridge.session.SessionManager;
import io.jgunicorn.bridge.session.SessionStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one deployed web application has (Undertow's {@code DeploymentImpl}): its servlets and
 * filters with their mappings, listeners, declared roles, sessions, security, servlet matcher, async
 * timer and class loader. Built whole by the constructor; the lifecycle
 * ({@code io.jgunicorn.bridge.BridgeDeployment}) fills the registries from the descriptor and moves it
 * through its {@link State}s. The {@link ServletContext} is a façade over it ({@code spec.ServletContextImpl}),
 * made by the factory the constructor is given: the packages below {@code spec} see it only as jakarta's
 * interface.
 *
 * <p>Registries are written while deploying and initializing (one thread), then only read: the
 * volatile {@link #state} written at start publishes them to request threads.
 */
public final class Deployment {

    /** Where the application is in its life; registration is only legal while INITIALIZING. */
    public enum State { DEPLOYED, INITIALIZING, STARTED, STOPPED }

    private final WebAppDescriptor descriptor;
    private final ClassLoader classLoader;
    private final Logger logger;
    private final ContextRegistry contexts;
    private final boolean crossContext;
    private final boolean absoluteRedirects;
    private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
    private final Map<String, FilterHolder> filters = new LinkedHashMap<>();
    private final List<FilterMapping> filterMappings = new ArrayList<>();
    private int filterMappingsBefore;
    private final Set<String> declaredRoles = new LinkedHashSet<>();
    private final Listeners listeners;
    private final ServletMatcher matcher = new ServletMatcher();
    private final AsyncTimer timer;
    private final ServletContext servletContext;
    private final SessionManager sessions;
    private final SecurityHandler security;
    private final Injector injector;
    private final Compression compression;
    private volatile State state = State.DEPLOYED;
    private volatile boolean contextListenersAllowed = true;

    /**
     * @param contexts     the worker's registry this application joins once started; null: none
     * @param crossContext whether {@code getContext} may return the other applications there
     * @param absoluteRedirects whether {@code sendRedirect} sends absolute URLs (see {@code BridgeOptions})
     * @param facade       makes the {@code ServletContext} over this deployment; it may only keep the
     *                     reference and read the descriptor (sessions and security are made after it)
     */
    public Deployment(WebAppDescriptor descriptor, Realm realm, SessionStore sessionStore, ContextRegistry contexts,
                      boolean crossContext, boolean absoluteRedirects, Function<Deployment, ServletContext> facade) {
        this(descriptor, realm, sessionStore, contexts, crossContext, absoluteRedirects, Compression.OFF, facade);
    }

    /** @param compression how response bodies are compressed (the operator's settings) */
    public Deployment(WebAppDescriptor descriptor, Realm realm, SessionStore sessionStore, ContextRegistry contexts,
                      boolean crossContext, boolean absoluteRedirects, Compression compression,
                      Function<Deployment, ServletContext> facade) {
        this.descriptor = descriptor;
        this.compression = compression == null ? Compression.OFF : compression;
        this.classLoader = descriptor.classLoader();
        // the container logs through slf4j/logback; webapp log lines go to the same place, per context
        this.logger = LoggerFactory.getLogger("io.jgunicorn.webapp." + (descriptor.contextPath().isEmpty() ? "ROOT" : descriptor.contextPath().substring(1)));
        this.contexts = contexts;
        this.crossContext = crossContext;
        this.absoluteRedirects = absoluteRedirects;
        this.declaredRoles.addAll(descriptor.security().roles());
        this.injector = new Injector(descriptor.environment().annotations());
        this.listeners = new Listeners(classLoader);
        this.timer = new AsyncTimer("jgunicorn-async-timer" + descriptor.contextPath());
        this.servletContext = facade.apply(this);
        this.sessions = new SessionManager(servletContext, descriptor.sessionConfig(), sessionStore, listeners,
                () -> state == State.INITIALIZING);
        this.security = new SecurityHandler(servletContext, descriptor.security(), descriptor.denyUncoveredHttpMethods(), realm,
                Collections.unmodifiableSet(declaredRoles), this::servletConstraints);
    }

    public WebAppDescriptor descriptor() { return descriptor; }
    public String contextPath() { return descriptor.contextPath(); }
    public ClassLoader classLoader() { return classLoader; }
    public ServletContext servletContext() { return servletContext; }
    public Listeners listeners() { return listeners; }
    public SessionManager sessions() { return sessions; }
    public SecurityHandler security() { return security; }
    public ServletMatcher matcher() { return matcher; }
    public AsyncTimer timer() { return timer; }
    public Compression compression() { return compression; }
    public State state() { return state; }
    public Set<String> declaredRoles() { return Collections.unmodifiableSet(declaredRoles); }
    public void declareRole(String role) { declaredRoles.add(role); }

    public void log(String message) { logger.info(message); }
    public void log(String message, Throwable failure) { logger.error(message, failure); }

    // --- life ----------------------------------------------------------------------------------

    /** Initializers and listeners run now: the only time servlets, filters and listeners may be added. */
    public void initializing() {
        state = State.INITIALIZING;
    }

    /** Initialization is over: the servlets' URL patterns are final and mapped; requests may come. */
    public void started() {
        matcher.map(servlets.values());
        state = State.STARTED;
    }

    /** Leaves the worker's registry first: nothing dispatches into what is being torn down. */
    public void stopped() {
        leave();
        state = State.STOPPED;
    }

    /** Joins the worker's registry (once started: only a running application can be dispatched to). */
    public void join() {
        if (contexts != null) {
            contexts.add(this);
        }
    }

    private void leave() {
        if (contexts != null) {
            contexts.remove(this);
        }
    }

    /**
     * The application mounted at the longest prefix of {@code uripath}. Another application only
     * with {@code cross_context} on (null otherwise, as Tomcat does); without a registry (a bridge
     * used on its own) only this one is known.
     */
    public Deployment reachable(String uripath) {
        if (uripath == null || !uripath.startsWith("/")) {
            return null;
        }
        String own = contextPath();
        Deployment found = contexts == null ? null : contexts.find(uripath);
        if (ContextRegistry.covers(own, uripath) && (found == null || found.contextPath().length() <= own.length())) {
            found = this; // also while starting, before this application joined the registry
        }
        return found == this || crossContext ? found : null;
    }

    /** {@code sendRedirect} sends absolute URLs rather than path-absolute references. */
    public boolean absoluteRedirects() {
        return absoluteRedirects;
    }

    /**
     * A {@code ServletContextListener} may be added only by a {@code ServletContainerInitializer}
     * (its Javadoc: IllegalArgumentException otherwise, as in Tomcat); the lifecycle closes that door
     * once the initializers have run.
     */
    public boolean contextListenersAllowed() {
        return contextListenersAllowed;
    }

    public void refuseContextListeners() {
        contextListenersAllowed = false;
    }

    public void checkInitializing() {
        if (state != State.INITIALIZING) {
            throw new IllegalStateException("the servlet context is " + state.name().toLowerCase(Locale.ROOT) + ", not initializing");
        }
    }

    // --- servlets and filters ------------------------------------------------------------------

    public ServletHolder servlet(String name) { return servlets.get(name); }
    public Collection<ServletHolder> servlets() { return Collections.unmodifiableCollection(servlets.values()); }

    /** A new, empty servlet of that name (replacing any earlier one). */
    public ServletHolder newServlet(String name) {
        ServletHolder holder = new ServletHolder(this, name);
        servlets.put(name, holder);
        return holder;
    }

    public FilterHolder filter(String name) { return filters.get(name); }
    public Collection<FilterHolder> filters() { return Collections.unmodifiableCollection(filters.values()); }

    public FilterHolder newFilter(String name) {
        FilterHolder holder = new FilterHolder(this, name);
        filters.put(name, holder);
        return holder;
    }

    public List<FilterMapping> filterMappings() { return Collections.unmodifiableList(filterMappings); }

    /** Adds a filter mapping; "before" mappings (isMatchAfter=false) go ahead of the declared ones. */
    public void addFilterMapping(FilterMapping mapping, boolean matchAfter) {
        if (matchAfter) {
            filterMappings.add(mapping);
        } else {
            filterMappings.add(filterMappingsBefore++, mapping);
        }
    }

    private List<SecurityHandler.ServletConstraint> servletConstraints() {
        return servlets.values().stream().filter(h -> h.security() != null)
                .map(h -> new SecurityHandler.ServletConstraint(h.security(), List.copyOf(h.mappings()))).toList();
    }

    // --- application classes -------------------------------------------------------------------

    public <T> Class<? extends T> loadClass(String className, Class<T> type) throws ServletException {
        try {
            return Class.forName(className, false, classLoader).asSubclass(type);
        } catch (ClassNotFoundException | ClassCastException | LinkageError e) {
            throw new ServletException("cannot load " + type.getSimpleName() + " class " + className + ": " + e, e);
        }
    }

    public <T> T instantiate(Class<T> type) throws ServletException {
        T instance;
        try {
            instance = Tccl.call(classLoader, () -> type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ServletException("cannot instantiate " + type.getName() + ": " + e, e);
        }
        if (!(instance instanceof jakarta.servlet.ServletContainerInitializer)) {
            Tccl.run(classLoader, () -> injector.inject(instance)); // Servlet 6.1 section 15.5: not for initializers
        }
        return instance;
    }

    /** {@code @Resource} and the lifecycle annotations of what the application's classes the bridge makes. */
    public Injector injector() { return injector; }

    /** Runs an instance's {@code @PreDestroy}, if it has one; failures are logged. */
    public void preDestroy(Object instance) {
        try {
            Tccl.run(classLoader, () -> {
                try {
                    injector.destroy(instance);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw new ServletException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new ServletException(e);
                }
            });
        } catch (Exception | LinkageError e) {
            log("@PreDestroy of " + instance.getClass().getName() + " failed", e);
        }
    }

    /** {@code @PreDestroy} of what is left (listeners), newest first, once the application stopped. */
    public void preDestroyRemaining() {
        injector.remaining().forEach(this::preDestroy);
    }
}
