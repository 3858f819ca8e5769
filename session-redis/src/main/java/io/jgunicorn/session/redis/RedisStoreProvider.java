package io.jgunicorn.session.redis;

import io.jgunicorn.bridge.session.SessionStoreProvider;
import io.jgunicorn.bridge.session.SharedSessionStore;
import java.net.URI;
import java.nio.file.Path;
import redis.clients.jedis.RedisClient;

/**
 * {@code redis://[user:password@]host:6379[/db]} ({@code rediss://} for TLS): sessions in Redis,
 * shared by every server that names the same Redis. Sessions expire through jgunicorn's sweep (not
 * Redis TTLs), so {@code sessionDestroyed} runs for each of them, once.
 */
public final class RedisStoreProvider implements SessionStoreProvider {

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith("redis://") || spec.startsWith("rediss://");
    }

    @Override
    public SharedSessionStore open(String spec, Path sharedDir, String context) {
        URI uri = URI.create(spec);
        String description = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort(); // no password in logs
        return new RedisSessionStore(RedisClient.create(uri), context, description);
    }
}
