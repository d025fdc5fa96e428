package io.kubeling.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.LogStore;
import io.kubeling.storage.StorageSettings;

/**
 * The server's store on an in-memory H2 database of its own, without Spring: the server's Flyway
 * migrations, the log's JPA mapping validated against them, and {@link LogStore}, started.
 */
public final class InMemoryStorage implements AutoCloseable {

    private final JdbcDataSource dataSource;
    private final EntityManagerFactory factory;
    private final LogStore store;

    private InMemoryStorage(JdbcDataSource dataSource, EntityManagerFactory factory, LogStore store) {
        this.dataSource = dataSource;
        this.factory = factory;
        this.store = store;
    }

    public static InMemoryStorage open(Clock clock) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).load().migrate();
        EntityManagerFactory factory = new HibernatePersistenceConfiguration("kubeling")
                .managedClasses(LogStore.ENTITIES)
                .property(AvailableSettings.DATASOURCE, dataSource)
                .schemaToolingAction(Action.VALIDATE)
                .createEntityManagerFactory();
        LogStore store = new LogStore(factory, dataSource, clock, new StorageSettings(false, 1024, 16L << 20));
        store.start();
        return new InMemoryStorage(dataSource, factory, store);
    }

    public KeyValueStore store() {
        return store;
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        store.close();
        factory.close();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the in-memory database", e);
        }
    }
}
