package io.jgunicorn.bridge.session;

import java.util.Collection;

/**
 * Where sessions live. The bridge ships an in-memory store (one worker's heap); a store shared by
 * several worker processes plugs in here and must then keep attribute values it can serialize.
 * The manager calls {@link #save} after every request that used a session.
 */
public interface SessionStore {

    /** The session with this id, or null. */
    SessionData get(String id);

    /** Stores a new or changed session. */
    void save(SessionData data);

    void remove(String id);

    /** All sessions, for the expiry sweep; a store that expires entries itself may return none. */
    Collection<SessionData> all();
}
