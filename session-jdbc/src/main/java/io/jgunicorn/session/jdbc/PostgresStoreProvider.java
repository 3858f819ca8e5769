package io.jgunicorn.session.jdbc;

import io.jgunicorn.bridge.session.SessionStoreProvider;
import io.jgunicorn.bridge.session.SharedSessionStore;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code jdbc:postgresql://host:5432/db?user=u&password=p}: sessions in PostgreSQL, shared by
 * every server that names the same database. The tables are created on first use.
 */
public final class PostgresStoreProvider implements SessionStoreProvider {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final int POOL_SIZE = 8;

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith(PREFIX);
    }

    @Override
    public SharedSessionStore open(String spec, Path sharedDir, String context) {
        ConnectionPool pool = new ConnectionPool(() -> new org.postgresql.Driver().connect(spec, new Properties()), POOL_SIZE);
        int query = spec.indexOf('?');
        SqlSessionStore store = new SqlSessionStore(pool, context, query < 0 ? spec : spec.substring(0, query));
        store.createSchema("BYTEA");
        return store;
    }
}
