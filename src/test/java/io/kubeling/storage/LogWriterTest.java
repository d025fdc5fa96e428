package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogWriterTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private LogWriter writer;

    @BeforeEach
    void database() throws SQLException {
        h2.setURL("jdbc:h2:mem:log-writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE revision_log (revision BIGINT NOT NULL PRIMARY KEY, item_key VARCHAR(1024) NOT NULL,"
                    + " created BOOLEAN NOT NULL, deleted BOOLEAN NOT NULL, create_revision BIGINT NOT NULL,"
                    + " prev_revision BIGINT NOT NULL, written_at BIGINT NOT NULL, item_value VARBINARY,"
                    + " old_value VARBINARY, CONSTRAINT revision_log_key_prev UNIQUE (item_key, prev_revision))");
        }
        writer = new LogWriter(h2);
        writer.writeTo(Dialect.H2);
    }

    @Test
    void aTransactionCommitsItsRowsAndAFailedOneNone() throws SQLException {
        writer.inTransaction(() -> {
            writer.append(row(1, "/a"));
            writer.append(row(2, "/b"));
            return null;
        });
        assertThatThrownBy(() -> writer.inTransaction(() -> {
            writer.append(row(3, "/c"));
            throw new IllegalStateException("the step failed");
        })).hasMessage("the step failed");
        // the revision another writer took first
        assertThatThrownBy(() -> writer.inTransaction(() -> {
            writer.append(row(2, "/d"));
            return null;
        })).isInstanceOf(LogWriter.Taken.class);
        writer.inTransaction(() -> {
            writer.append(row(3, "/e"));
            return null;
        });
        assertThat(keys()).isEqualTo("/a,/b,/e");
    }

    /** A connection dropped while the writer was idle is replaced before the next write, as the pool would. */
    @Test
    void aConnectionLostWhileIdleIsReplacedBeforeTheNextWrite() throws Exception {
        long[] session = new long[1];
        writer.inTransaction(() -> {
            writer.append(row(1, "/a"));
            return null;
        });
        writer.inTransaction(() -> {
            writer.append(row(2, "/b"));
            session[0] = sessionOf(writer);
            return null;
        });
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CALL ABORT_SESSION(" + session[0] + ")");
        }
        Thread.sleep(600);
        writer.inTransaction(() -> {
            writer.append(row(3, "/c"));
            return null;
        });
        assertThat(keys()).isEqualTo("/a,/b,/c");
        writer.close();
    }

    /** The session of the writer's connection: the one other than the caller's with rows not yet committed. */
    private long sessionOf(LogWriter writer) {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE SESSION_ID <> SESSION_ID() AND CONTAINS_UNCOMMITTED")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keys() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT item_key FROM revision_log ORDER BY revision")) {
            while (r.next()) {
                out.append(out.isEmpty() ? "" : ",").append(r.getString(1));
            }
        }
        return out.toString();
    }

    private static LogRow row(long revision, String key) {
        return new LogRow(revision, key, true, false, revision, 0, 0, key.getBytes(StandardCharsets.UTF_8), null);
    }
}
