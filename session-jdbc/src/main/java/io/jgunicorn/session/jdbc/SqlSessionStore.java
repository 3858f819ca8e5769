package io.jgunicorn.session.jdbc;

import io.jgunicorn.bridge.session.SharedSessionStore;
import io.jgunicorn.bridge.session.StoredSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sessions in two SQL tables (one row per session, one per attribute), in the SQL that SQLite and
 * PostgreSQL share. Each write is one transaction; the row counts of its DELETE and UPDATE
 * statements tell which worker won a race (see {@link SharedSessionStore}).
 */
final class SqlSessionStore implements SharedSessionStore {

    private static final String SESSIONS = "jgunicorn_sessions";
    private static final String ATTRIBUTES = "jgunicorn_session_attributes";

    private final ConnectionPool pool;
    private final String context;
    private final String description;

    SqlSessionStore(ConnectionPool pool, String context, String description) {
        this.pool = pool;
        this.context = context;
        this.description = description;
    }

    /** Creates the tables when missing (several workers may race here: a loser retries once). */
    void createSchema(String blobType) {
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS " + SESSIONS + " (context TEXT NOT NULL, id TEXT NOT NULL,"
                        + " created BIGINT NOT NULL, last_accessed BIGINT NOT NULL, this_accessed BIGINT NOT NULL,"
                        + " max_inactive INTEGER NOT NULL, is_new INTEGER NOT NULL, expires_at BIGINT NOT NULL,"
                        + " PRIMARY KEY (context, id))",
                "CREATE INDEX IF NOT EXISTS jgunicorn_sessions_expiry ON " + SESSIONS + " (context, expires_at)",
                "CREATE TABLE IF NOT EXISTS " + ATTRIBUTES + " (context TEXT NOT NULL, id TEXT NOT NULL,"
                        + " name TEXT NOT NULL, value " + blobType + " NOT NULL, PRIMARY KEY (context, id, name))");
        try {
            transaction(c -> runAll(c, ddl));
        } catch (IllegalStateException e) {
            transaction(c -> runAll(c, ddl)); // a concurrent CREATE won; now IF NOT EXISTS holds
        }
    }

    private static Void runAll(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (var st = c.createStatement()) {
                st.execute(sql);
            }
        }
        return null;
    }

    @Override
    public StoredSession load(String id) {
        return run(false, c -> { // one statement: a consistent snapshot without a (SQLite: locking) transaction
            try (PreparedStatement st = c.prepareStatement("SELECT s.created, s.last_accessed, s.this_accessed,"
                    + " s.max_inactive, s.is_new, s.expires_at, a.name, a.value FROM " + SESSIONS + " s LEFT JOIN "
                    + ATTRIBUTES + " a ON a.context = s.context AND a.id = s.id WHERE s.context = ? AND s.id = ?")) {
                st.setString(1, context);
                st.setString(2, id);
                try (ResultSet rs = st.executeQuery()) {
                    return read(id, rs);
                }
            }
        });
    }

    private static StoredSession read(String id, ResultSet rs) throws SQLException {
        StoredSession.Meta meta = null;
        Map<String, byte[]> attributes = new HashMap<>();
        while (rs.next()) {
            if (meta == null) {
                meta = new StoredSession.Meta(id, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        rs.getInt(5) != 0, rs.getLong(6));
            }
            String name = rs.getString(7);
            if (name != null) {
                attributes.put(name, rs.getBytes(8));
            }
        }
        return meta == null ? null : new StoredSession(meta, attributes);
    }

    @Override
    public void insert(StoredSession session) {
        StoredSession.Meta m = session.meta();
        transaction(c -> {
            update(c, "INSERT INTO " + SESSIONS + " (created, last_accessed, this_accessed, max_inactive, is_new,"
                    + " expires_at, context, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.creationTime(), m.lastAccessedTime(),
                    m.thisAccessedTime(), m.maxInactiveSeconds(), m.isNew() ? 1 : 0, m.expiresAt(), context, m.id());
            writeAttributes(c, m.id(), session.attributes(), Set.of());
            return null;
        });
    }

    @Override
    public boolean update(StoredSession.Meta m, Map<String, byte[]> changed, Set<String> removed) {
        return transaction(c -> {
            // the session row first: it locks the session against a concurrent delete or rename
            int rows = update(c, "UPDATE " + SESSIONS + " SET last_accessed = ?, this_accessed = ?, max_inactive = ?,"
                    + " is_new = ?, expires_at = ? WHERE context = ? AND id = ?", m.lastAccessedTime(),
                    m.thisAccessedTime(), m.maxInactiveSeconds(), m.isNew() ? 1 : 0, m.expiresAt(), context, m.id());
            if (rows == 0) {
                return false;
            }
            writeAttributes(c, m.id(), changed, removed);
            return true;
        });
    }

    private void writeAttributes(Connection c, String id, Map<String, byte[]> changed, Set<String> removed)
            throws SQLException {
        for (Map.Entry<String, byte[]> e : changed.entrySet()) {
            update(c, "INSERT INTO " + ATTRIBUTES + " (context, id, name, value) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (context, id, name) DO UPDATE SET value = excluded.value", context, id, e.getKey(), e.getValue());
        }
        for (String name : removed) {
            update(c, "DELETE FROM " + ATTRIBUTES + " WHERE context = ? AND id = ? AND name = ?", context, id, name);
        }
    }

    @Override
    public boolean delete(String id) {
        return deleteWhere(id, "", new Object[] {context, id});
    }

    @Override
    public boolean deleteIfExpired(String id, long now) {
        return deleteWhere(id, " AND expires_at < ?", new Object[] {context, id, now});
    }

    private boolean deleteWhere(String id, String condition, Object[] args) {
        return transaction(c -> {
            if (update(c, "DELETE FROM " + SESSIONS + " WHERE context = ? AND id = ?" + condition, args) == 0) {
                return false;
            }
            update(c, "DELETE FROM " + ATTRIBUTES + " WHERE context = ? AND id = ?", context, id);
            return true;
        });
    }

    @Override
    public boolean rename(String oldId, String newId) {
        return transaction(c -> {
            if (update(c, "UPDATE " + SESSIONS + " SET id = ? WHERE context = ? AND id = ?", newId, context, oldId) == 0) {
                return false;
            }
            update(c, "UPDATE " + ATTRIBUTES + " SET id = ? WHERE context = ? AND id = ?", newId, context, oldId);
            return true;
        });
    }

    @Override
    public List<String> expiredIds(long now, int limit) {
        return run(false, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id FROM " + SESSIONS + " WHERE context = ? AND expires_at < ? LIMIT " + limit)) {
                st.setString(1, context);
                st.setLong(2, now);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        return run(true, work);
    }

    private <T> T run(boolean transaction, Work<T> work) {
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw new IllegalStateException("session store " + description + ": cannot connect: " + e.getMessage(), e);
        }
        boolean broken = true;
        try {
            if (transaction) {
                c.setAutoCommit(false);
            }
            T result = work.run(c);
            if (transaction) {
                c.commit();
                c.setAutoCommit(true); // sqlite-jdbc begins the next transaction at commit: never idle holding a lock
            }
            broken = false;
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("session store " + description + ": " + e.getMessage(), e);
        } finally {
            pool.giveBack(c, broken);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
