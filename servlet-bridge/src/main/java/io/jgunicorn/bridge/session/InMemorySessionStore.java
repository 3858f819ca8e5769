package io.jgunicorn.bridge.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this worker's heap (`--session-store memory`), lost when the worker exits. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, SessionData> sessions = new ConcurrentHashMap<>();

    @Override public SessionData get(String id) { return sessions.get(id); }
    @Override public void save(SessionData data) { sessions.put(data.id(), data); }
    @Override public boolean remove(String id) { return sessions.remove(id) != null; }
    @Override public Collection<SessionData> all() { return List.copyOf(sessions.values()); }
}
