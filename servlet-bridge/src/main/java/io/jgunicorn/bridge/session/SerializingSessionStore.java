package io.jgunicorn.bridge.session;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} over a {@link SharedSessionStore}: each request works on its own copy of
 * the session, and at the end of the request only the attributes whose serialized bytes changed
 * (including objects changed in place without setAttribute) or were removed are written back.
 * The backing store is opened on first use, so an application that never uses sessions never
 * connects to it.
 */
public final class SerializingSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SerializingSessionStore.class);
    private static final int SWEEP_BATCH = 100;

    private final Supplier<SharedSessionStore> opener;
    private final AttributeCodec codec;
    private volatile SharedSessionStore backend;

    public SerializingSessionStore(Supplier<SharedSessionStore> opener, ClassLoader webapp) {
        this.opener = opener;
        this.codec = new AttributeCodec(webapp);
    }

    private SharedSessionStore backend() {
        SharedSessionStore b = backend;
        if (b == null) {
            synchronized (this) {
                if (backend == null) {
                    backend = Objects.requireNonNull(opener.get(), "session store");
                }
                b = backend;
            }
        }
        return b;
    }

    @Override
    public SessionData get(String id) {
        StoredSession stored = backend().load(id);
        if (stored == null) {
            return null;
        }
        SessionData data = new SessionData(stored.meta(), new HashMap<>(stored.attributes()));
        for (Map.Entry<String, byte[]> e : stored.attributes().entrySet()) {
            try {
                data.attributes().put(e.getKey(), codec.read(e.getKey(), e.getValue()));
            } catch (IOException | RuntimeException ex) {
                // an attribute written by an older version of the app: the session cannot be trusted whole
                log.warn("Session {} cannot be read back and is ignored: {}", id, ex.getMessage());
                return null;
            }
        }
        return data;
    }

    @Override
    public boolean passivates() {
        return true;
    }

    @Override
    public void checkAttribute(String name, Object value) {
        codec.write(name, value);
    }

    /**
     * Writes the session. When an attribute cannot be serialized (an object changed in place after
     * setAttribute), the other changes are still written and an IllegalStateException names it.
     */
    @Override
    public void save(SessionData data) {
        Map<String, byte[]> before = data.stored();
        Map<String, byte[]> now = new HashMap<>();
        Map<String, byte[]> changed = new HashMap<>();
        List<String> failures = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : data.attributes().entrySet()) {
            try {
                byte[] bytes = codec.write(e.getKey(), e.getValue());
                now.put(e.getKey(), bytes);
                if (before == null || !Arrays.equals(bytes, before.get(e.getKey()))) {
                    changed.put(e.getKey(), bytes);
                }
            } catch (IllegalArgumentException ex) {
                failures.add(ex.getMessage());
                if (before != null && before.containsKey(e.getKey())) {
                    now.put(e.getKey(), before.get(e.getKey())); // keep the last good value
                }
            }
        }
        if (before == null) {
            backend().insert(new StoredSession(data.meta(), changed));
        } else {
            Set<String> removed = new HashSet<>(before.keySet());
            removed.removeAll(now.keySet());
            backend().update(data.meta(), changed, removed);
        }
        data.stored(now);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    @Override public boolean remove(String id) { return backend().delete(id); }
    @Override public boolean removeExpired(SessionData data, long now) { return backend().deleteIfExpired(data.id(), now); }

    @Override
    public boolean changeId(SessionData data, String newId) {
        if (!backend().rename(data.id(), newId)) {
            return false;
        }
        data.id(newId);
        return true;
    }

    /** None: the sessions belong to every worker, not to this one. */
    @Override public Collection<SessionData> all() { return List.of(); }

    @Override
    public Collection<SessionData> expired(long now) {
        return backend().expiredIds(now, SWEEP_BATCH).stream().map(this::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
