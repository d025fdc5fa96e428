package io.kubeling.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.hibernate.Session;

/**
 * The write side of the log. It keeps one EntityManager of its own, used only under the store's
 * writers' lock, so a write pays for no session set-up and no transaction synchronization, and it
 * writes with plain SQL statements rather than managed entities: at ten writes per pod, the
 * persistence context costs more than the SQL. On a shared database (PostgreSQL) the append also
 * notifies the other replicas, at its commit, and a revision or a (key, previous revision) pair that
 * another replica took first fails the append with {@link Taken}: the revision is the table's
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

    private final EntityManagerFactory factory;
    private EntityManager em;
    private volatile boolean notifies;

    LogWriter(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** Makes every append notify the replicas that follow the log. */
    void notifyOnAppend() {
        notifies = true;
    }

    /**
     * Runs {@code body} in one transaction; anything it throws rolls the transaction back. The first
     * opens the writer's EntityManager, which waits for the persistence provider's bootstrap if it
     * is still under way: the store's start does not.
     */
    <T> T inTransaction(Supplier<T> body) {
        if (em == null) {
            em = factory.createEntityManager();
        }
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            try {
                T result = body.get();
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                rollback(tx, e);
                throw e;
            } finally {
                em.clear();
            }
        } catch (RuntimeException e) {
            if (Unreachable.cause(e)) {
                // its session may hold the lost connection: the next write opens a fresh one
                close();
            }
            throw e;
        }
    }

    /** Rolls back what {@code failure} ended; on a lost connection the rollback fails too, behind it. */
    private static void rollback(EntityTransaction tx, RuntimeException failure) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Appends one row with a plain JDBC statement on the transaction's connection: the native query
     * machinery of the persistence provider cost more per row than H2's insert itself.
     */
    void append(LogRow row) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, row.revision);
                insert.setString(2, row.key);
                insert.setBoolean(3, row.created);
                insert.setBoolean(4, row.deleted);
                insert.setLong(5, row.createRevision);
                insert.setLong(6, row.prevRevision);
                insert.setLong(7, row.writtenAt);
                insert.setBytes(8, row.value);
                insert.setBytes(9, storedOldValue(row));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new Taken(e);
                }
                throw e;
            }
            if (notifies) {
                try (PreparedStatement notify = connection.prepareStatement(NOTIFY)) {
                    notify.setString(1, Long.toString(row.revision));
                    notify.execute();
                }
            }
        });
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
        if (em != null) {
            try {
                em.close();
            } finally {
                em = null;
            }
        }
    }
}
