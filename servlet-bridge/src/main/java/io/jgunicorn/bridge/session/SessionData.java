package io.jgunicorn.bridge.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The state of one session as a store keeps it. */
public final class SessionData {

    private volatile String id;
    private final long creationTime;
    private volatile long lastAccessedTime;
    private volatile long thisAccessedTime;
    private volatile int maxInactiveSeconds;
    private volatile boolean isNew = true;
    private volatile boolean valid = true;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** A shared store's bytes of each attribute as last loaded or saved; null until first stored. */
    private volatile Map<String, byte[]> stored;

    public SessionData(String id, long now, int maxInactiveSeconds) {
        this.id = id;
        this.creationTime = now;
        this.lastAccessedTime = now;
        this.thisAccessedTime = now;
        this.maxInactiveSeconds = maxInactiveSeconds;
    }

    /** A session read back from a shared store (attributes are added by the caller). */
    SessionData(StoredSession.Meta meta, Map<String, byte[]> stored) {
        this(meta.id(), meta.creationTime(), meta.maxInactiveSeconds());
        this.lastAccessedTime = meta.lastAccessedTime();
        this.thisAccessedTime = meta.thisAccessedTime();
        this.isNew = meta.isNew();
        this.stored = stored;
    }

    public String id() { return id; }
    void id(String value) { id = value; }
    public long creationTime() { return creationTime; }
    public long lastAccessedTime() { return lastAccessedTime; }
    public int maxInactiveSeconds() { return maxInactiveSeconds; }
    void maxInactiveSeconds(int value) { maxInactiveSeconds = value; }
    public boolean isNew() { return isNew; }
    public boolean valid() { return valid; }
    void invalidate() { valid = false; }
    public Map<String, Object> attributes() { return attributes; }
    Map<String, byte[]> stored() { return stored; }
    void stored(Map<String, byte[]> value) { stored = value; }

    StoredSession.Meta meta() {
        return new StoredSession.Meta(id, creationTime, lastAccessedTime, thisAccessedTime, maxInactiveSeconds, isNew,
                StoredSession.Meta.expiresAt(thisAccessedTime, maxInactiveSeconds));
    }

    /** A request joined the session: the previous access becomes getLastAccessedTime. */
    void access(long now) {
        lastAccessedTime = thisAccessedTime;
        thisAccessedTime = now;
        isNew = false;
    }

    boolean expired(long now) {
        return maxInactiveSeconds > 0 && now - thisAccessedTime > maxInactiveSeconds * 1000L;
    }
}
