package io.kubeling.storage;

import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.springframework.stereotype.Component;

/**
 * The write side of the log. It keeps one EntityManager of its own, used only under the store's
 * write lock, so a write pays for no session set-up and no transaction synchronization: at tens of
 * writes per pod, those cost more than the SQL.
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
        em.persist(row);
    }

    void insertCurrent(String key, long revision, byte[] value) {
        em.persist(new CurrentRow(key, revision, revision, value));
    }

    /** Compare-and-swap: replaces the key's value only if it is still at {@code expected}; 1 if it was. */
    int swapCurrent(String key, long expected, long revision, byte[] value) {
        return em.createQuery("update CurrentRow c set c.revision = :rev, c.value = :value "
                        + "where c.key = :key and c.revision = :expected")
                .setParameter("rev", revision)
                .setParameter("value", value)
                .setParameter("key", key)
                .setParameter("expected", expected)
                .executeUpdate();
    }

    /** Compare-and-delete: removes the key only if it is still at {@code expected}; 1 if it was. */
    int removeCurrent(String key, long expected) {
        return em.createQuery("delete from CurrentRow c where c.key = :key and c.revision = :expected")
                .setParameter("key", key)
                .setParameter("expected", expected)
                .executeUpdate();
    }

    @PreDestroy
    void close() {
        em.close();
    }
}
