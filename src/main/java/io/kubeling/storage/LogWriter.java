package io.kubeling.storage;

import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.springframework.stereotype.Component;

/**
 * The write side of the log. It keeps one EntityManager of its own, used only under the store's
 * write lock, so a write pays for no session set-up and no transaction synchronization, and it
 * writes with plain SQL statements rather than managed entities: at ten writes per pod, the
 * persistence context costs more than the SQL.
 */
@Component
class LogWriter {

    private final EntityManager em;

    LogWriter(EntityManagerFactory factory) {
        this.em = factory.createEntityManager();
    }

    /** Runs {@code body} in one transaction; anything it throws rolls the transaction back. */
    <T> T inTransaction(Supplier<T> body) {
        EntityTransaction tx = em.getTransaction();
        tx.begin();
        try {
            T result = body.get();
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.clear();
        }
    }

    void append(LogRow row) {
        em.createNativeQuery("insert into revision_log (revision, item_key, created, deleted, create_revision,"
                        + " prev_revision, written_at, item_value, old_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, row.revision)
                .setParameter(2, row.key)
                .setParameter(3, row.created)
                .setParameter(4, row.deleted)
                .setParameter(5, row.createRevision)
                .setParameter(6, row.prevRevision)
                .setParameter(7, row.writtenAt)
                .setParameter(8, bytes(row.value))
                .setParameter(9, bytes(row.oldValue))
                .executeUpdate();
    }

    /** A null binary value, typed so the driver is told it is binary. */
    private static Object bytes(byte[] value) {
        return value == null ? new TypedParameterValue<>(StandardBasicTypes.BINARY, null) : value;
    }

    @PreDestroy
    void close() {
        em.close();
    }
}
