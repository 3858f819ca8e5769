package io.jgunicorn.session.redis;

/**
 * The Lua scripts the Redis store runs: Redis runs each one atomically, which is what lets exactly
 * one worker win a delete, an expiry or an id change. A session is a hash ({@code @...} fields for
 * its times, {@code a:NAME} for each serialized attribute); a sorted set indexes expiry times.
 */
final class RedisScripts {

    private RedisScripts() {}

    /** KEYS: session, expiries. ARGV: id, expiresAt, field/value pairs. */
    static final String INSERT = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return 1""";

    /** KEYS: session, expiries. ARGV: id, expiresAt, n, n field/value elements, removed fields. */
    static final String UPDATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local n = tonumber(ARGV[3])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4, 3 + n))
            if #ARGV > 3 + n then redis.call('HDEL', KEYS[1], unpack(ARGV, 4 + n)) end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return 1""";

    /** KEYS: session, expiries. ARGV: id. */
    static final String DELETE = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])""";

    /** KEYS: session, expiries. ARGV: id, now. */
    static final String DELETE_IF_EXPIRED = """
            local e = redis.call('HGET', KEYS[1], '@expires')
            if not e then
              redis.call('ZREM', KEYS[2], ARGV[1])
              return 0
            end
            if tonumber(e) >= tonumber(ARGV[2]) then return 0 end
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])""";

    /** KEYS: old session, new session, expiries. ARGV: old id, new id. */
    static final String RENAME = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('RENAME', KEYS[1], KEYS[2])
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('ZADD', KEYS[3], redis.call('HGET', KEYS[2], '@expires'), ARGV[2])
            return 1""";
}
