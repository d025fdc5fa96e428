package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import io.kubeling.storage.Dialect;

/**
 * Flyway's set-up and migration on a thread of its own: waiting for it sees the schema, or what the set-up or the
 * migration threw.
 */
class SchemaMigrationTest {

    @Test
    void waitingForTheMigrationSeesTheMigratedSchema() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigration migration = new SchemaMigration();
        migration.awaitMigrated();
        migration.migrate(() -> Flyway.configure().dataSource(db).locations(Dialect.H2.migrations()).load());
        migration.awaitMigrated();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from revision_log")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
            s.execute("SHUTDOWN");
        }
        assertThatThrownBy(() -> migration.migrate(() -> Flyway.configure().dataSource(db).load()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedMigrationFailsTheWait() {
        SchemaMigration migration = new SchemaMigration();
        migration.migrate(() -> Flyway.configure().dataSource("jdbc:h2:tcp://127.0.0.1:1/none", "sa", "").load());
        assertThatThrownBy(migration::awaitMigrated).isInstanceOf(FlywayException.class);
    }

    @Test
    void flywayIsSetUpOnTheMigrationsThreadAndItsFailureFailsTheWait() {
        AtomicReference<String> setUpOn = new AtomicReference<>();
        SchemaMigration migration = new SchemaMigration();
        migration.migrate(() -> {
            setUpOn.set(Thread.currentThread().getName());
            throw new IllegalStateException("cannot reach the database");
        });
        assertThatThrownBy(migration::awaitMigrated).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot reach the database");
        assertThat(setUpOn.get()).isEqualTo("kubeling-schema-migration");
    }
}
