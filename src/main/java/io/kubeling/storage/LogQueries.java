package io.kubeling.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/** The reads and the compaction of the store, all through JPA and portable JPQL. Callers hold a transaction. */
final class LogQueries {

    private final EntityManager em;

    LogQueries(EntityManager em) {
        this.em = em;
    }

    /** The keys that were live at {@code revision}, with their values then, in key order. */
    List<LogRow> rangeAt(String after, String end, long revision, int max) {
        return em.createQuery("""
                        select r from LogRow r
                        where r.key > :after and r.key < :end and r.revision <= :rev and r.deleted = false
                          and r.revision = (select max(n.revision) from LogRow n where n.key = r.key and n.revision <= :rev)
                        order by r.key""", LogRow.class)
                .setParameter("after", after)
                .setParameter("end", end)
                .setParameter("rev", revision)
                .setMaxResults(max)
                .getResultList();
    }

    /** The log after {@code revision}, in revision order. */
    List<LogRow> logAfter(long revision, int max) {
        return em.createQuery("select r from LogRow r where r.revision > :rev order by r.revision", LogRow.class)
                .setParameter("rev", revision)
                .setMaxResults(max)
                .getResultList();
    }

    /** The values written at {@code revisions}, by revision. */
    Map<Long, byte[]> valuesAt(Collection<Long> revisions) {
        Map<Long, byte[]> values = new HashMap<>();
        if (revisions.isEmpty()) {
            return values;
        }
        for (Object[] row : em.createQuery("select r.revision, r.value from LogRow r where r.revision in :revs",
                Object[].class).setParameter("revs", revisions).getResultList()) {
            values.put((Long) row[0], (byte[]) row[1]);
        }
        return values;
    }

    /** The highest revision written at or before {@code epochMillis}, or 0. */
    long lastRevisionWrittenBy(long epochMillis) {
        Long max = em.createQuery("select max(r.revision) from LogRow r where r.writtenAt <= :t", Long.class)
                .setParameter("t", epochMillis)
                .getSingleResult();
        return max == null ? 0 : max;
    }

    /** Raises a marker to {@code value}; one another replica raised further stays. */
    void raiseMarker(String name, long value) {
        em.createQuery("update MarkerRow m set m.value = :value where m.name = :name and m.value < :value")
                .setParameter("value", value)
                .setParameter("name", name)
                .executeUpdate();
    }

    /** Wakes the replicas that follow the log, at the commit (PostgreSQL only). */
    void notifyReplicas(String what) {
        em.createNativeQuery("select pg_notify('" + Dialect.CHANNEL + "', :what)")
                .setParameter("what", what)
                .getSingleResult();
    }

    /** Removes log rows superseded at or before {@code revision}, then tombstones at or before it. */
    int compact(long revision) {
        int superseded = em.createQuery("""
                        delete from LogRow r where r.revision <= :rev and exists
                          (select 1 from LogRow n where n.key = r.key and n.revision > r.revision and n.revision <= :rev)""")
                .setParameter("rev", revision)
                .executeUpdate();
        int tombstones = em.createQuery("delete from LogRow r where r.revision <= :rev and r.deleted = true")
                .setParameter("rev", revision)
                .executeUpdate();
        return superseded + tombstones;
    }
}
