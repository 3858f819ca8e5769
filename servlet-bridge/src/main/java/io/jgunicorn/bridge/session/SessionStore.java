package io.jgunicorn.bridge.session;

import java.util.Collection;

/**
 * Where the sessions of one context live, as the {@link SessionManager} sees them. The bridge ships
 * an in-memory store (one worker's heap) and {@link SerializingSessionStore}, which adapts a
 * {@link SharedSessionStore} that several worker processes share.
 * The manager calls {@link #save} when a request that used a session completes.
 */
public interface SessionStore {

    /** The session with this id, or null. A shared store returns a fresh copy per call. */
    SessionData get(String id);

    /** Stores a new or changed session. */
    void save(SessionData data);

    /** Removes the session; true for the one caller that removed it (who then fires the events). */
    boolean remove(String id);

    /** Removes the session only if it is still expired at {@code now}; true for the one caller that did. */
    default boolean removeExpired(SessionData data, long now) {
        return remove(data.id());
    }

    /** Gives the stored session a new id; false when it no longer exists. */
    default boolean changeId(SessionData data, String newId) {
        if (!remove(data.id())) {
            return false;
        }
        data.id(newId);
        save(data);
        return true;
    }

    /** All sessions this worker holds, for undeploy; a shared store returns none (they outlive the worker). */
    Collection<SessionData> all();

    /** Sessions whose time is up at {@code now}, for the sweep. */
    default Collection<SessionData> expired(long now) {
        return all().stream().filter(d -> d.valid() && d.expired(now)).toList();
    }

    /**
     * True when sessions leave the heap after each request that used them and come back, maybe in
     * another worker, for the next: attributes then hear {@code sessionWillPassivate} and
     * {@code sessionDidActivate}, as in a Tomcat cluster.
     */
    default boolean passivates() {
        return false;
    }

    /** Refuses an attribute value the store cannot keep (a shared store: one that does not serialize). */
    default void checkAttribute(String name, Object value) {}

    default void close() {}
}
