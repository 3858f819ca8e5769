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
 *
 * <p>An attribute that cannot be serialized is, as on Tomcat, kept in this worker's memory beside the
 * stored session (a warning once per class says other workers will not see it) unless
 * {@code requireSerializable}, which refuses it in {@code setAttribute}.
 */
public final class SerializingSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SerializingSessionStore.class);
    private static final int SWEEP_BATCH = 100;

    private final Supplier<SharedSessionStore> opener;
    private final AttributeCodec codec;
    private final boolean requireSerializable;
    /** Session id → the attributes of it that only this worker holds (they could not be serialized). */
    private final Map<String, Map<String, Object>> local = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile SharedSessionStore backend;

    public SerializingSessionStore(Supplier<SharedSessionStore> opener, ClassLoader webapp) {
        this(opener, webapp, true);
    }

    /** @param requireSerializable refuse attributes that cannot be serialized instead of keeping them in memory */
    public SerializingSessionStore(Supplier<SharedSessionStore> opener, ClassLoader webapp, boolean requireSerializable) {
        this.opener = opener;
        this.codec = new AttributeCodec(webapp);
        this.requireSerializable = requireSerializable;
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
            local.remove(id); // expired or invalidated by another worker
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
        Map<String, Object> kept = local.get(id);
        if (kept != null) {
            kept.forEach(data.attributes()::putIfAbsent);
        }
        return data;
    }

    @Override
    public boolean passivates() {
        return true;
    }

    @Override
    public void checkAttribute(String name, Object value) {
        try {
            codec.write(name, value);
        } catch (IllegalArgumentException e) {
            if (requireSerializable) {
                throw e;
            }
            warnOnce(name, value, e);
        }
    }

    private void warnOnce(String name, Object value, IllegalArgumentException e) {
        if (warned.add(value.getClass().getName())) {
            log.warn("Session attribute '{}' ({}) is not serializable: it is kept in this worker's memory only, "
                    + "so other workers will not see it and it is lost when this worker stops "
                    + "(set session_require_serializable to refuse such attributes) [{}]",
                    name, value.getClass().getName(), e.getMessage());
        }
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
        Map<String, Object> memoryOnly = new HashMap<>();
        for (Map.Entry<String, Object> e : data.attributes().entrySet()) {
            try {
                byte[] bytes = codec.write(e.getKey(), e.getValue());
                now.put(e.getKey(), bytes);
                if (before == null || !Arrays.equals(bytes, before.get(e.getKey()))) {
                    changed.put(e.getKey(), bytes);
                }
            } catch (IllegalArgumentException ex) {
                if (!requireSerializable) {
                    warnOnce(e.getKey(), e.getValue(), ex);
                    memoryOnly.put(e.getKey(), e.getValue());
                    continue; // not in `now`: a serialized value it replaced is removed from the store
                }
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
        if (memoryOnly.isEmpty()) {
            local.remove(data.id());
        } else {
            local.put(data.id(), java.util.Collections.unmodifiableMap(memoryOnly));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    @Override
    public boolean remove(String id) {
        local.remove(id);
        return backend().delete(id);
    }

    @Override
    public boolean removeExpired(SessionData data, long now) {
        boolean removed = backend().deleteIfExpired(data.id(), now);
        if (removed) {
            local.remove(data.id());
        }
        return removed;
    }

    @Override
    public boolean changeId(SessionData data, String newId) {
        if (!backend().rename(data.id(), newId)) {
            return false;
        }
        Map<String, Object> kept = local.remove(data.id());
        if (kept != null) {
            local.put(newId, kept);
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
