package io.jgunicorn.session.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/** A few connections, opened on demand and reused; one that failed is closed, never handed out again. */
final class ConnectionPool implements AutoCloseable {

    interface Factory {
        Connection open() throws SQLException;
    }

    private final Factory factory;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    ConnectionPool(Factory factory, int size) {
        this.factory = factory;
        this.permits = new Semaphore(size);
    }

    Connection borrow() throws SQLException {
        permits.acquireUninterruptibly();
        Connection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            return factory.open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void giveBack(Connection c, boolean broken) {
        try {
            if (broken) {
                closeQuietly(c);
            } else {
                idle.addFirst(c);
            }
        } finally {
            permits.release();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already unusable
        }
    }

    @Override
    public void close() {
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            closeQuietly(c);
        }
    }
}
