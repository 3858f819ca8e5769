package io.jgunicorn.bridge.session;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store that several worker processes (or machines) share, holding sessions as bytes: the bridge
 * serializes attributes with the webapp's class loader, so a store never sees application classes.
 * Implementations live in modules of their own and are found through {@link SessionStoreProvider}.
 *
 * <p>Every method is one atomic step of the backing server. The boolean answers are what make
 * session events happen exactly once across processes: of several workers deleting the same
 * session, exactly one is told {@code true}, and only that one fires {@code sessionDestroyed}.
 * One instance serves one servlet context and may be called from many threads.
 */
public interface SharedSessionStore extends AutoCloseable {

    /** The session and all its attributes as one consistent snapshot, or null. */
    StoredSession load(String id);

    /** Adds a new session (its id was just drawn from 128 random bits). */
    void insert(StoredSession session);

    /**
     * Writes a request's changes: the session's times and the attributes whose bytes changed or
     * were removed. Returns false (and writes nothing) when the session no longer exists, so a
     * request that finishes after another invalidated the session never brings it back.
     */
    boolean update(StoredSession.Meta meta, Map<String, byte[]> changed, Set<String> removed);

    /** Deletes the session; true for the one caller that deleted it. */
    boolean delete(String id);

    /** Deletes the session only if it is still expired at {@code now}; true for the one caller that did. */
    boolean deleteIfExpired(String id, long now);

    /** Moves the session to a new id; false when it no longer exists. */
    boolean rename(String oldId, String newId);

    /** Ids of some sessions whose expiry time is at or before {@code now}, for the sweep. */
    List<String> expiredIds(long now, int limit);

    @Override
    void close();
}
