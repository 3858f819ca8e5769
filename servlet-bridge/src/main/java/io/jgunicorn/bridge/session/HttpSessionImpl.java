package io.jgunicorn.bridge.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;

/** The {@link HttpSession} façade over a session's stored data. */
public final class HttpSessionImpl implements HttpSession {

    private final SessionManager manager;
    private final SessionData data;

    HttpSessionImpl(SessionManager manager, SessionData data) {
        this.manager = manager;
        this.data = data;
    }

    SessionData data() { return data; }

    public boolean isValid() {
        return data.valid();
    }

    /** Called when a request that carries this session's id arrives. */
    public void access() {
        data.access(manager.now());
    }

    private void checkValid() {
        if (!data.valid()) {
            throw new IllegalStateException("session " + data.id() + " has been invalidated");
        }
    }

    @Override public String getId() { return data.id(); }
    @Override public ServletContext getServletContext() { return manager.context(); }
    @Override public void setMaxInactiveInterval(int interval) { data.maxInactiveSeconds(interval); }
    @Override public int getMaxInactiveInterval() { return data.maxInactiveSeconds(); }

    @Override
    public long getCreationTime() {
        checkValid();
        return data.creationTime();
    }

    @Override
    public long getLastAccessedTime() {
        checkValid();
        return data.lastAccessedTime();
    }

    @Override
    public boolean isNew() {
        checkValid();
        return data.isNew();
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return data.attributes().get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(new ArrayList<>(data.attributes().keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        if (name == null) {
            throw new IllegalArgumentException("null attribute name");
        }
        manager.setAttribute(this, name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        manager.removeAttribute(this, name);
    }

    @Override
    public void invalidate() {
        checkValid();
        manager.invalidate(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpSessionImpl s && s.data == data;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(data);
    }
}
