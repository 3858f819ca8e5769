package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.session.SessionEvents;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.EventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The application's listeners, sorted by the interfaces they implement. One listener object may be
 * in several lists. Lists are copy-on-write: they are read on every request and written at startup.
 * The session manager fires its events through {@link SessionEvents}.
 */
public final class Listeners implements SessionEvents {

    private final ClassLoader loader;

    public final List<ServletContextListener> context = new CopyOnWriteArrayList<>();
    public final List<ServletContextAttributeListener> contextAttribute = new CopyOnWriteArrayList<>();
    public final List<ServletRequestListener> request = new CopyOnWriteArrayList<>();
    public final List<ServletRequestAttributeListener> requestAttribute = new CopyOnWriteArrayList<>();
    public final List<HttpSessionListener> session = new CopyOnWriteArrayList<>();
    public final List<HttpSessionAttributeListener> sessionAttribute = new CopyOnWriteArrayList<>();
    public final List<HttpSessionIdListener> sessionId = new CopyOnWriteArrayList<>();

    /** True if {@code type} implements at least one listener interface the container supports. */
    public static boolean isSupported(Class<?> type) {
        return ServletContextListener.class.isAssignableFrom(type)
                || ServletContextAttributeListener.class.isAssignableFrom(type)
                || ServletRequestListener.class.isAssignableFrom(type)
                || ServletRequestAttributeListener.class.isAssignableFrom(type)
                || HttpSessionListener.class.isAssignableFrom(type)
                || HttpSessionAttributeListener.class.isAssignableFrom(type)
                || HttpSessionIdListener.class.isAssignableFrom(type);
    }

    private final List<EventListener> all = new CopyOnWriteArrayList<>();

    Listeners(ClassLoader loader) {
        this.loader = loader;
    }

    public void add(EventListener listener) {
        if (!isSupported(listener.getClass())) {
            throw new IllegalArgumentException(listener.getClass().getName() + " implements no supported listener interface");
        }
        all.add(listener);
        addIf(listener, ServletContextListener.class, context);
        addIf(listener, ServletContextAttributeListener.class, contextAttribute);
        addIf(listener, ServletRequestListener.class, request);
        addIf(listener, ServletRequestAttributeListener.class, requestAttribute);
        addIf(listener, HttpSessionListener.class, session);
        addIf(listener, HttpSessionAttributeListener.class, sessionAttribute);
        addIf(listener, HttpSessionIdListener.class, sessionId);
    }

    /** Puts {@code first} ahead of the listeners added so far (declared before programmatic ones). */
    public void prepend(List<EventListener> first) {
        List<EventListener> rest = List.copyOf(all);
        for (List<?> list : List.of(all, context, contextAttribute, request, requestAttribute, session, sessionAttribute, sessionId)) {
            list.clear();
        }
        first.forEach(this::add);
        rest.forEach(this::add);
    }

    private static <T> void addIf(EventListener listener, Class<T> type, List<T> list) {
        if (type.isInstance(listener)) {
            list.add(type.cast(listener));
        }
    }

    /** Calls every listener of a list in order, with the application's class loader as TCCL. */
    public static <T> void fire(ClassLoader loader, List<T> listeners, Consumer<T> event) {
        if (listeners.isEmpty()) {
            return;
        }
        Tccl.run(loader, () -> listeners.forEach(event));
    }

    /** Calls listeners in reverse order (destroy events, as the spec requires). */
    public static <T> void fireReversed(ClassLoader loader, List<T> listeners, Consumer<T> event) {
        if (listeners.isEmpty()) {
            return;
        }
        Tccl.run(loader, () -> listeners.reversed().forEach(event));
    }

    // --- session events, with the application's class loader ---------------------------------

    @Override public void sessionCreated(HttpSessionEvent event) { fire(loader, session, l -> l.sessionCreated(event)); }
    @Override public void sessionDestroyed(HttpSessionEvent event) { fireReversed(loader, session, l -> l.sessionDestroyed(event)); }
    @Override public void sessionIdChanged(HttpSessionEvent event, String oldId) { fire(loader, sessionId, l -> l.sessionIdChanged(event, oldId)); }
    @Override public void attributeAdded(HttpSessionBindingEvent event) { fire(loader, sessionAttribute, l -> l.attributeAdded(event)); }
    @Override public void attributeReplaced(HttpSessionBindingEvent event) { fire(loader, sessionAttribute, l -> l.attributeReplaced(event)); }
    @Override public void attributeRemoved(HttpSessionBindingEvent event) { fire(loader, sessionAttribute, l -> l.attributeRemoved(event)); }
    @Override public void inApplication(Runnable call) { Tccl.run(loader, call::run); }
}
