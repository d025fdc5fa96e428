package io.kubeling.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * The write side of the log. It holds a connection of its own, used only under the store's writers'
 * lock, with its insert prepared once, so a write pays for no session, no pool checkout and no
 * statement preparation: at ten writes per pod, a persistence provider's transaction and a
 * statement per row cost more than H2's insert itself. On a shared database (PostgreSQL) the append
 * also notifies the other replicas, at its commit, and a revision or a (key, previous revision) pair
 * that another replica took first fails the append with {@link Taken}: the revision is the table's
 * primary key, so the log stays gapless and in commit order whoever writes it.
 */
final class LogWriter {

    private static final String INSERT = "insert into revision_log (revision, item_key, created, deleted,"
            + " create_revision, prev_revision, written_at, item_value, old_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String NOTIFY = "select pg_notify('" + Dialect.CHANNEL + "', ?)";
    /** SQL's unique violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Another writer appended this revision, or the key's successor of that previous revision, first. */
    static final class Taken extends RuntimeException {
        Taken(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A statement of the write side that failed, its SQLException kept as the cause that {@link Unreachable} reads. */
    static final class Failed extends RuntimeException {
        Failed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** As the pool checks a connection it hands out: when it has been idle longer than this. */
    private static final long IDLE_CHECK_NANOS = 500_000_000L;
    private static final int VALID_SECONDS = 5;

    private final DataSource dataSource;
    private Connection connection;
    private long lastUsed;
    private PreparedStatement insert;
    private PreparedStatement notify;
    private volatile Dialect dialect;

    LogWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends as the log's database takes them, notifying the replicas where others follow the log. */
    void writeTo(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Runs {@code body} in one transaction, committed when it returns; anything it throws rolls the
     * transaction back. The first opens the writer's connection, and so does the first after the
     * connection was lost.
     */
    <T> T inTransaction(Supplier<T> body) {
        try {
            open();
            T result;
            try {
                result = body.get();
                connection.commit();
            } catch (SQLException e) {
                rollback(e);
                throw new Failed(e);
            } catch (RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
            return result;
        } catch (SQLException e) {
            close();
            throw new Failed(e);
        } catch (RuntimeException e) {
            if (Unreachable.cause(e)) {
                // the connection may be the lost one: the next write opens a fresh one
                close();
            }
            throw e;
        }
    }

    private void open() throws SQLException {
        long now = System.nanoTime();
        if (connection != null && now - lastUsed > IDLE_CHECK_NANOS && !alive(connection)) {
            // dropped while idle (a database restarted, a server's idle timeout): a fresh one, as the pool would
            close();
        }
        lastUsed = now;
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try {
                opened.setAutoCommit(false);
                insert = opened.prepareStatement(INSERT);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
    }

    private static boolean alive(Connection connection) {
        try {
            return connection.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Rolls back what {@code failure} ended; on a lost connection the rollback fails too, behind it, and the
     * connection is given up, so that no later write commits on it what this one left open.
     */
    private void rollback(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
            close();
        }
    }

    /** Appends one row with the writer's insert, within the transaction of {@link #inTransaction}. */
    void append(LogRow row) {
        try {
            insert.setLong(1, row.revision);
            insert.setString(2, row.key);
            insert.setBoolean(3, row.created);
            insert.setBoolean(4, row.deleted);
            insert.setLong(5, row.createRevision);
            insert.setLong(6, row.prevRevision);
            insert.setLong(7, row.writtenAt);
            dialect.bindValue(insert, 8, row.value);
            dialect.bindValue(insert, 9, storedOldValue(row));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new Taken(e);
            }
            throw new Failed(e);
        }
        if (dialect.shared()) {
            try {
                if (notify == null) {
                    notify = connection.prepareStatement(NOTIFY);
                }
                notify.setString(1, Long.toString(row.revision));
                notify.execute();
            } catch (SQLException e) {
                throw new Failed(e);
            }
        }
    }

    /**
     * An update's previous value is the row at its previous revision, which the log keeps as long
     * as it keeps the update's event, so it is not written twice; a deletion, which has no value of
     * its own, keeps the value it ends.
     */
    private static byte[] storedOldValue(LogRow row) {
        return row.deleted ? row.oldValue : null;
    }

    void close() {
        Connection open = connection;
        connection = null;
        insert = null;
        notify = null;
        if (open != null) {
            try {
                // statements close with their connection, which goes back to the pool
                open.close();
            } catch (SQLException e) {
                // a lost connection: nothing to give back
            }
        }
    }
}
