package io.jgunicorn.bridge.session;

import java.util.Map;

/**
 * A session as a shared store keeps it: its times and its attributes, each serialized on its own
 * so that two requests changing different attributes of one session both keep their change.
 */
public record StoredSession(Meta meta, Map<String, byte[]> attributes) {

    public StoredSession {
        attributes = Map.copyOf(attributes);
    }

    /**
     * @param expiresAt when the session expires unless used again ({@link Long#MAX_VALUE}: never);
     *                  stores index it for the sweep
     */
    public record Meta(String id, long creationTime, long lastAccessedTime, long thisAccessedTime,
                       int maxInactiveSeconds, boolean isNew, long expiresAt) {

        static long expiresAt(long thisAccessedTime, int maxInactiveSeconds) {
            return maxInactiveSeconds <= 0 ? Long.MAX_VALUE : thisAccessedTime + maxInactiveSeconds * 1000L;
        }
    }
}
