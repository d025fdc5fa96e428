package io.kubeling.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * The reads and the compaction of the store, all through JPA in SQL that H2 and PostgreSQL both run. Native queries
 * rather than JPQL: Hibernate translates JPQL with a parser of some 600 classes (its HQL grammar, ANTLR's runtime,
 * the semantic query model), which the first compaction of a server loaded, a minute after the start, and kept for
 * good. Callers hold a transaction.
 */
final class LogQueries {

    private final EntityManager em;

    LogQueries(EntityManager em) {
        this.em = em;
    }

    /** The keys that were live at {@code revision}, with their values then, in key order. */
    List<LogRow> rangeAt(String after, String end, long revision, int max) {
        return rows(em.createNativeQuery("""
                        select r.* from revision_log r
                        where r.item_key > :after and r.item_key < :end and r.revision <= :rev and r.deleted = false
                          and r.revision = (select max(n.revision) from revision_log n
                                            where n.item_key = r.item_key and n.revision <= :rev)
                        order by r.item_key""", LogRow.class)
                .setParameter("after", after)
                .setParameter("end", end)
                .setParameter("rev", revision)
                .setMaxResults(max)
                .getResultList());
    }

    /** The log in ({@code revision}, {@code upTo}], in revision order, at most {@code max} rows. */
    List<LogRow> logBetween(long revision, long upTo, int max) {
        return rows(em.createNativeQuery("select r.* from revision_log r where r.revision > :rev "
                        + "and r.revision <= :upTo order by r.revision", LogRow.class)
                .setParameter("rev", revision)
                .setParameter("upTo", upTo)
                .setMaxResults(max)
                .getResultList());
    }

    /** The values written at {@code revisions}, by revision. */
    Map<Long, byte[]> valuesAt(Collection<Long> revisions) {
        Map<Long, byte[]> values = new HashMap<>();
        if (revisions.isEmpty()) {
            return values;
        }
        List<Object[]> found = rows(em.createNativeQuery(
                "select revision, item_value from revision_log where revision in (:revs)")
                .setParameter("revs", revisions).getResultList());
        for (Object[] row : found) {
            values.put(number(row[0]), (byte[]) row[1]);
        }
        return values;
    }

    /**
     * The highest revision written at or before {@code epochMillis}, or 0. A row's time rises with its revision (each
     * is stamped as it commits, in revision order), so a binary search over the revisions finds it in some forty
     * lookups by the primary key, where a condition on the time alone read every row of the log, values and all.
     */
    long lastRevisionWrittenBy(long epochMillis) {
        Object[] first = firstRowFrom(0);
        if (first == null || number(first[1]) > epochMillis) {
            return 0;
        }
        // lo: a row written by then; no row above hi was
        long lo = number(first[0]);
        long hi = number(em.createNativeQuery("select max(revision) from revision_log").getSingleResult());
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            Object[] row = firstRowFrom(mid);
            if (row != null && number(row[0]) <= hi && number(row[1]) <= epochMillis) {
                lo = number(row[0]);
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The revision and time of the first row at or after {@code revision}, or null. */
    private Object[] firstRowFrom(long revision) {
        List<Object[]> rows = rows(em.createNativeQuery(
                "select revision, written_at from revision_log where revision >= :rev order by revision")
                .setParameter("rev", revision).setMaxResults(1).getResultList());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Raises a marker to {@code value}; one another replica raised further stays. */
    void raiseMarker(String name, long value) {
        em.createNativeQuery(
                "update storage_marker set marker_value = :value where name = :name and marker_value < :value")
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
        int superseded = em.createNativeQuery("""
                        delete from revision_log r where r.revision <= :rev and exists
                          (select 1 from revision_log n
                           where n.item_key = r.item_key and n.revision > r.revision and n.revision <= :rev)""")
                .setParameter("rev", revision)
                .executeUpdate();
        int tombstones = em.createNativeQuery("delete from revision_log where revision <= :rev and deleted = true")
                .setParameter("rev", revision)
                .executeUpdate();
        return superseded + tombstones;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** A native query's rows, as the entity or the column arrays it was asked for. */
    @SuppressWarnings("unchecked")
    private static <R> List<R> rows(List<?> rows) {
        return (List<R>) rows;
    }
}
