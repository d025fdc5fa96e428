package io.kubeling.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import javax.sql.DataSource;

/**
 * Reads what the store holds in memory from the log at its start, in plain SQL on one read-only
 * connection: the start then needs neither the persistence provider's bootstrap, which goes on
 * meanwhile on a thread of its own, nor its query parser.
 */
final class LogLoader {

    private static final int PAGE = 1000;

    private static final String MARKER = "select marker_value from storage_marker where name = ?";
    private static final String MAX_REVISION = "select max(revision) from revision_log";
    // every key's latest row, when it is not a deletion, in key order
    private static final String LIVE = """
            select r.item_key, r.item_value, r.revision, r.create_revision from revision_log r
            where r.item_key > ? and r.deleted = false
              and r.revision = (select max(n.revision) from revision_log n where n.item_key = r.item_key)
            order by r.item_key limit ?""";
    private static final String LAST_DELETIONS =
            "select item_key, max(revision) from revision_log where deleted = true group by item_key";

    // the rows another replica appended, in revision order
    private static final String AFTER = "select revision, item_key, created, deleted, create_revision, prev_revision,"
            + " written_at, item_value, old_value from revision_log where revision > ? order by revision limit ?";

    /** The compacted revision and the log's latest. */
    record Revisions(long compacted, long logged) {
    }

    private LogLoader() {
    }

    /**
     * Reads the revisions, then, unless the log is empty, hands every live key to {@code live} and
     * every key's last deletion still in the log to {@code deleted}. With {@code snapshot} (a log other
     * processes append to) every read sees the one snapshot of the first, so that the revision and the
     * keys agree.
     */
    static Revisions load(DataSource dataSource, boolean snapshot, Consumer<KeyValue> live,
            ObjLongConsumer<String> deleted) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            if (snapshot) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            long compacted = single(c, MARKER, MarkerRow.COMPACTED);
            long logged = single(c, MAX_REVISION, null);
            if (logged > 0) {
                loadLive(c, live);
                try (PreparedStatement s = c.prepareStatement(LAST_DELETIONS); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        deleted.accept(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            if (snapshot) {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
            return new Revisions(compacted, logged);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the revision log", e);
        }
    }

    /** The log's latest revision, or 0 when it is empty: one look at the primary key's index. */
    static long latest(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return single(c, MAX_REVISION, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the revision log", e);
        }
    }

    /** Up to {@code max} rows after {@code revision}, in revision order, and the compacted revision. */
    static Appended after(DataSource dataSource, long revision, int max) {
        try (Connection c = dataSource.getConnection()) {
            List<LogRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(AFTER)) {
                s.setLong(1, revision);
                s.setInt(2, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new LogRow(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBytes(8), rs.getBytes(9)));
                    }
                }
            }
            return new Appended(rows, single(c, MARKER, MarkerRow.COMPACTED));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the revision log", e);
        }
    }

    /** Rows read after a revision, with the compacted revision read after them. */
    record Appended(List<LogRow> rows, long compacted) {
    }

    private static void loadLive(Connection c, Consumer<KeyValue> live) throws SQLException {
        String after = "";
        try (PreparedStatement s = c.prepareStatement(LIVE)) {
            while (true) {
                s.setString(1, after);
                s.setInt(2, PAGE);
                int rows = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getString(1);
                        live.accept(new KeyValue(after, rs.getBytes(2), rs.getLong(3), rs.getLong(4)));
                        rows++;
                    }
                }
                if (rows < PAGE) {
                    return;
                }
            }
        }
    }

    /** The one number {@code sql} selects (with {@code parameter}, if any), or 0 when none. */
    private static long single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
