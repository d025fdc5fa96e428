package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class CommitDurabilityTest {

    @TempDir
    Path dir;

    private DriverManagerDataSource fileDatabase() {
        return new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
    }

    private static CommitDurability started(javax.sql.DataSource db, boolean fsync) {
        CommitDurability durability = new CommitDurability(db, fsync);
        durability.start();
        return durability;
    }

    @Test
    void commitsAreWrittenToTheFileBeforeTheyReturn() {
        // one connection kept open, as the server's pool keeps the database open
        SingleConnectionDataSource db = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("db"), "sa", "",
                true);
        started(db, false);
        // H2 lists a setting changed with SET twice, as in force and as stored
        assertThat(new JdbcTemplate(db).queryForList(
                "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'",
                String.class)).isNotEmpty().containsOnly("0");
        db.destroy();
    }

    @Test
    void withoutFsyncNothingWaitsForTheDisk() {
        CommitDurability durability = started(fileDatabase(), false);
        durability.awaitOnDisk(1, () -> 1);
        assertThat(durability.flushes()).isZero();
    }

    @Test
    void writesCommittedDuringAFlushShareTheNext() throws Exception {
        CommitDurability durability = started(fileDatabase(), true);
        AtomicLong committed = new AtomicLong();
        int writers = 8;
        int each = 50;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    durability.awaitOnDisk(committed.incrementAndGet(), committed::get);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(durability.flushes()).isPositive().isLessThan(writers * each);
        long before = durability.flushes();
        durability.awaitOnDisk(committed.get(), committed::get);
        assertThat(durability.flushes()).as("the last revision is on disk already").isEqualTo(before);
    }

    @Test
    void fsyncNeedsTheFileDatabase() {
        DriverManagerDataSource memory = new DriverManagerDataSource("jdbc:h2:mem:durability", "sa", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> started(memory, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kubeling.storage.fsync");
    }

    @Test
    void anInMemoryDatabaseStartsWithoutFsyncAndWaitsForNothing() {
        SingleConnectionDataSource memory = new SingleConnectionDataSource("jdbc:h2:mem:durability-" + dir.hashCode(),
                "sa", "", true);
        CommitDurability durability = started(memory, false);
        durability.awaitOnDisk(1, () -> 1);
        assertThat(durability.flushes()).isZero();
        memory.destroy();
    }
}
