package io.jgunicorn.tests;

/** Sessions in a real redis-server started on a loopback port for this test. */
class RedisSessionStoreTest extends SharedSessionContract {

    private SessionServers.Redis redis;

    @Override
    String startStore() throws Exception {
        redis = SessionServers.Redis.start();
        return redis.url();
    }

    @Override
    void stopStore() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }
}
