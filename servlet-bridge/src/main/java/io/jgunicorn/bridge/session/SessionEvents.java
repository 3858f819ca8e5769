package io.jgunicorn.bridge.session;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;

/**
 * Where the session manager sends its events: the application's session listeners, called with the
 * application's class loader. The core's {@code Listeners} implements it, so this package needs
 * nothing of the layers above it.
 */
public interface SessionEvents {

    void sessionCreated(HttpSessionEvent event);

    /** In reverse order of the listeners, as destroy events are. */
    void sessionDestroyed(HttpSessionEvent event);

    void sessionIdChanged(HttpSessionEvent event, String oldId);

    void attributeAdded(HttpSessionBindingEvent event);

    void attributeReplaced(HttpSessionBindingEvent event);

    void attributeRemoved(HttpSessionBindingEvent event);

    /** Runs {@code call} (an attribute's own activation listener) with the application's class loader. */
    void inApplication(Runnable call);
}
