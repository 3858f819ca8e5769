package io.jgunicorn.session.redis;

import io.jgunicorn.bridge.session.SharedSessionStore;
import io.jgunicorn.bridge.session.StoredSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Sessions of one context in Redis; see {@link RedisScripts} for the layout. */
final class RedisSessionStore implements SharedSessionStore {

    private static final String ATTRIBUTE = "a:";

    private final UnifiedJedis redis;
    private final String prefix;
    private final byte[] expiries;
    private final String description;

    RedisSessionStore(UnifiedJedis redis, String context, String description) {
        this.redis = redis;
        this.prefix = "jgunicorn:" + context + ":session:";
        this.expiries = bytes("jgunicorn:" + context + ":expiries");
        this.description = description;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(long n) {
        return bytes(Long.toString(n));
    }

    private byte[] key(String id) {
        return bytes(prefix + id);
    }

    private long eval(String script, List<byte[]> keys, List<byte[]> args) {
        try {
            return (Long) redis.eval(bytes(script), keys, args);
        } catch (JedisException e) {
            throw failure(e);
        }
    }

    private IllegalStateException failure(JedisException e) {
        return new IllegalStateException("session store " + description + ": " + e.getMessage(), e);
    }

    @Override
    public StoredSession load(String id) {
        Map<byte[], byte[]> hash;
        try {
            hash = redis.hgetAll(key(id));
        } catch (JedisException e) {
            throw failure(e);
        }
        if (hash.isEmpty()) {
            return null;
        }
        Map<String, String> meta = new HashMap<>();
        Map<String, byte[]> attributes = new HashMap<>();
        hash.forEach((field, value) -> {
            String name = new String(field, StandardCharsets.UTF_8);
            if (name.startsWith(ATTRIBUTE)) {
                attributes.put(name.substring(ATTRIBUTE.length()), value);
            } else {
                meta.put(name, new String(value, StandardCharsets.UTF_8));
            }
        });
        return new StoredSession(new StoredSession.Meta(id, number(meta, "@created"), number(meta, "@last"),
                number(meta, "@this"), (int) number(meta, "@max"), number(meta, "@new") != 0,
                number(meta, "@expires")), attributes);
    }

    private static long number(Map<String, String> meta, String field) {
        String v = meta.get(field);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static List<byte[]> metaFields(StoredSession.Meta m) {
        return new ArrayList<>(List.of(bytes("@created"), bytes(m.creationTime()), bytes("@last"), bytes(m.lastAccessedTime()),
                bytes("@this"), bytes(m.thisAccessedTime()), bytes("@max"), bytes(m.maxInactiveSeconds()),
                bytes("@new"), bytes(m.isNew() ? 1 : 0), bytes("@expires"), bytes(m.expiresAt())));
    }

    private static void addAttributes(List<byte[]> fields, Map<String, byte[]> attributes) {
        attributes.forEach((name, value) -> {
            fields.add(bytes(ATTRIBUTE + name));
            fields.add(value);
        });
    }

    @Override
    public void insert(StoredSession session) {
        StoredSession.Meta m = session.meta();
        List<byte[]> args = new ArrayList<>(List.of(bytes(m.id()), bytes(m.expiresAt())));
        args.addAll(metaFields(m));
        addAttributes(args, session.attributes());
        eval(RedisScripts.INSERT, List.of(key(m.id()), expiries), args);
    }

    @Override
    public boolean update(StoredSession.Meta m, Map<String, byte[]> changed, Set<String> removed) {
        List<byte[]> pairs = metaFields(m);
        addAttributes(pairs, changed);
        List<byte[]> args = new ArrayList<>(List.of(bytes(m.id()), bytes(m.expiresAt()), bytes(pairs.size())));
        args.addAll(pairs);
        removed.forEach(name -> args.add(bytes(ATTRIBUTE + name)));
        return eval(RedisScripts.UPDATE, List.of(key(m.id()), expiries), args) == 1;
    }

    @Override
    public boolean delete(String id) {
        return eval(RedisScripts.DELETE, List.of(key(id), expiries), List.of(bytes(id))) == 1;
    }

    @Override
    public boolean deleteIfExpired(String id, long now) {
        return eval(RedisScripts.DELETE_IF_EXPIRED, List.of(key(id), expiries), List.of(bytes(id), bytes(now))) == 1;
    }

    @Override
    public boolean rename(String oldId, String newId) {
        return eval(RedisScripts.RENAME, List.of(key(oldId), key(newId), expiries), List.of(bytes(oldId), bytes(newId))) == 1;
    }

    @Override
    public List<String> expiredIds(long now, int limit) {
        try {
            return redis.zrangeByScore(expiries, bytes("-inf"), bytes("(" + now), 0, limit).stream()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        } catch (JedisException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
