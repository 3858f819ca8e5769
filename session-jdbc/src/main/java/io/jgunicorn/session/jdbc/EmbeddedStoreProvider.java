package io.jgunicorn.session.jdbc;

import io.jgunicorn.bridge.session.SessionStoreProvider;
import io.jgunicorn.bridge.session.SharedSessionStore;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code embedded} (the default): one SQLite file in WAL mode that every worker of the arbiter
 * opens, {@code sessions.db} in the arbiter's run directory (gone when the arbiter stops, kept
 * across HUP); {@code embedded:/path/sessions.db} names a file that outlives the server. SQLite
 * locks the file for each write transaction, so writers from several processes take turns
 * (waiting up to {@link #BUSY_TIMEOUT_MILLIS}) and a worker killed mid-write leaves the last
 * committed state behind. The file must be on a local disk (SQLite's locks need it).
 */
public final class EmbeddedStoreProvider implements SessionStoreProvider {

    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final String SCHEME = "embedded";

    @Override
    public boolean accepts(String spec) {
        return spec.equals(SCHEME) || spec.startsWith(SCHEME + ":");
    }

    @Override
    public SharedSessionStore open(String spec, Path sharedDir, String context) {
        Path file = spec.equals(SCHEME) ? sharedDir.resolve("sessions.db") : Path.of(spec.substring(SCHEME.length() + 1));
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL"); // WAL + NORMAL: a killed process loses no commit
        props.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        props.setProperty("transaction_mode", "IMMEDIATE"); // take the write lock at BEGIN: no upgrade deadlocks
        ConnectionPool pool = new ConnectionPool(() -> new org.sqlite.JDBC().connect(url, props), 4);
        SqlSessionStore store = new SqlSessionStore(pool, context, "embedded (" + file + ")");
        store.createSchema("BLOB");
        return store;
    }
}
