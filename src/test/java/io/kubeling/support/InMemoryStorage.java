package io.kubeling.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

import io.kubeling.storage.Dialect;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.LogStore;
import io.kubeling.storage.StorageSettings;

/**
 * The server's store on an in-memory H2 database of its own (or on a PostgreSQL database a test made),
 * without Spring: the server's Flyway migrations, the log's JPA mapping validated against them, and
 * {@link LogStore}, started.
 */
public final class InMemoryStorage implements AutoCloseable {

    private final DataSource dataSource;
    private final EntityManagerFactory factory;
    private final LogStore store;
    private final Drop drop;

    private InMemoryStorage(DataSource dataSource, EntityManagerFactory factory, LogStore store, Drop drop) {
        this.dataSource = dataSource;
        this.factory = factory;
        this.store = store;
        this.drop = drop;
    }

    public static InMemoryStorage open(Clock clock) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return on(dataSource, clock, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        });
    }

    /**
     * The store on {@code dataSource}, an empty database of either dialect, migrated here;
     * {@code drop} runs at the close, after the store's.
     */
    public static InMemoryStorage on(DataSource dataSource, Clock clock, Drop drop) {
        Flyway.configure().dataSource(dataSource).locations(Dialect.of(dataSource).migrations()).load().migrate();
        EntityManagerFactory factory = new HibernatePersistenceConfiguration("kubeling")
                .managedClasses(LogStore.ENTITIES)
                .property(AvailableSettings.DATASOURCE, dataSource)
                .schemaToolingAction(Action.VALIDATE)
                .createEntityManagerFactory();
        LogStore store = new LogStore(factory, dataSource, clock, new StorageSettings(false, 1024, 16L << 20));
        store.start();
        return new InMemoryStorage(dataSource, factory, store, drop);
    }

    /** What drops a database once its store is closed. */
    public interface Drop {
        void run() throws SQLException;
    }

    public KeyValueStore store() {
        return store;
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        store.close();
        factory.close();
        try {
            drop.run();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the database", e);
        }
    }
}
