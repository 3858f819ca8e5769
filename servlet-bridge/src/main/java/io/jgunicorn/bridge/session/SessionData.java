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

    public SessionData(String id, long now, int maxInactiveSeconds) {
        this.id = id;
        this.creationTime = now;
        this.lastAccessedTime = now;
        this.thisAccessedTime = now;
        this.maxInactiveSeconds = maxInactiveSeconds;
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
