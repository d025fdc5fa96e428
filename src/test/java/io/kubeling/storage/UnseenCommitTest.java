package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.kubeling.support.InMemoryStorage;

/**
 * A commit that went through while its writer took it for failed (its thread interrupted while H2 wrote the file)
 * is in the log but not in the store: the store's next write, which takes the same revision, reads it back and goes
 * on after it, instead of refusing that write and every later one.
 */
class UnseenCommitTest {

    @Test
    void theNextWriteReadsAnUnseenCommitBackAndGoesOnAfterIt() throws Exception {
        try (InMemoryStorage storage = InMemoryStorage.open(Clock.systemUTC())) {
            KeyValueStore store = storage.store();
            store.create("/registry/configmaps/default/seen", bytes("seen"));
            long revision = store.currentRevision();
            try (Connection c = storage.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                    "insert into revision_log (revision, item_key, created, deleted, create_revision, prev_revision,"
                            + " written_at, item_value, old_value) values (?, ?, true, false, ?, 0, ?, ?, null)")) {
                insert.setLong(1, revision + 1);
                insert.setString(2, "/registry/configmaps/default/unseen");
                insert.setLong(3, revision + 1);
                insert.setLong(4, System.currentTimeMillis());
                insert.setBytes(5, bytes("unseen"));
                insert.executeUpdate();
            }

            KeyValue next = store.create("/registry/configmaps/default/next", bytes("next"));

            assertThat(next.revision()).isEqualTo(revision + 2);
            assertThat(store.get("/registry/configmaps/default/unseen")).map(kv -> text(kv.value()))
                    .hasValue("unseen");
            assertThat(store.currentRevision()).isEqualTo(revision + 2);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
