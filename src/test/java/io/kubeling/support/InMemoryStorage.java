package io.kubeling.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
import io.kubeling.storage.NoBytecodeProvider;
import io.kubeling.storage.StorageSettings;

/**
 * The server's store on an in-memory H2 database of its own (or on a PostgreSQL database a test made),
 * without Spring: the server's Flyway migrations, the log's JPA mapping validated against them, and
 * {@link LogStore}, started. The in-memory databases are used again: one a test closed is emptied back to what the
 * migrations left and kept, with its JPA mapping, for the next test to open one, since migrating a database and
 * building Hibernate's factory for each test was 16% of the CPU of the controllers' and REST contracts' classes
 * (JFR); the controllers', the registry's and the storage's classes (PostgreSQL's and the crash test aside) took
 * 57.5 and 56.9 CPU seconds in the tests' JVM instead of 67.0.
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
        Migrated database = IDLE.poll();
        if (database == null) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            database = Migrated.of(dataSource);
        }
        Migrated opened = database;
        AtomicBoolean closed = new AtomicBoolean();
        return on(leased(DataSource.class, opened.dataSource(), closed),
                leased(EntityManagerFactory.class, opened.factory(), closed), clock, () -> {
                    closed.set(true);
                    opened.giveBack();
                });
    }

    /**
     * {@code target} for one test's store: once that store is closed, a connection or an entity manager asked of it is
     * refused, as by a database dropped and a factory closed, so that nothing late writes into the next test's log.
     */
    private static <T> T leased(Class<T> type, T target, AtomicBoolean closed) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "isOpen":
                    return !closed.get() && (boolean) method.invoke(target, args);
                case "close":
                    return null;
                case "getConnection", "createEntityManager":
                    if (closed.get()) {
                        throw new IllegalStateException("the test's in-memory store is closed");
                    }
                    break;
                default:
                    break;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /**
     * The store on {@code dataSource}, an empty database of either dialect, migrated here;
     * {@code drop} runs at the close, after the store's.
     */
    public static InMemoryStorage on(DataSource dataSource, Clock clock, Drop drop) {
        EntityManagerFactory factory = migrate(dataSource);
        return on(dataSource, factory, clock, () -> {
            factory.close();
            drop.run();
        });
    }

    private static InMemoryStorage on(DataSource dataSource, EntityManagerFactory factory, Clock clock, Drop drop) {
        LogStore store = new LogStore(factory, dataSource, clock, new StorageSettings(false, 1024, 16L << 20));
        store.start();
        return new InMemoryStorage(dataSource, factory, store, drop);
    }

    private static EntityManagerFactory migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(Dialect.of(dataSource).migrations()).load().migrate();
        return new HibernatePersistenceConfiguration("kubeling")
                .managedClasses(LogStore.ENTITIES)
                .property(AvailableSettings.DATASOURCE, dataSource)
                // as the server's unit runs: no class transformer, no bytecode provider
                .property("hibernate.enhancer.enableDirtyTracking", false)
                .property("hibernate.enhancer.enableLazyInitialization", false)
                .property(NoBytecodeProvider.SETTING, true)
                .schemaToolingAction(Action.VALIDATE)
                .createEntityManagerFactory();
    }

    /** The in-memory databases that tests closed, emptied, for the next ones to open. */
    private static final Queue<Migrated> IDLE = new ConcurrentLinkedQueue<>();

    /**
     * An in-memory database, the JPA mapping validated against it, and the rows the migrations left in each of its
     * tables (the storage markers' first values).
     */
    private record Migrated(JdbcDataSource dataSource, EntityManagerFactory factory, Map<String, List<Object[]>> rows) {

        static Migrated of(JdbcDataSource dataSource) {
            EntityManagerFactory factory = migrate(dataSource);
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE"
                        + " table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'"
                        + " AND table_name <> 'flyway_schema_history'")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                for (String table : tables) {
                    List<Object[]> left = new ArrayList<>();
                    try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                        while (r.next()) {
                            Object[] row = new Object[r.getMetaData().getColumnCount()];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = r.getObject(i + 1);
                            }
                            left.add(row);
                        }
                    }
                    rows.put(table, left);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the migrated database", e);
            }
            return new Migrated(dataSource, factory, rows);
        }

        /**
         * Empties every table and puts back the rows the migrations left, then keeps the database for the next test;
         * one that cannot be so (a test changed its tables) is dropped instead.
         */
        void giveBack() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                try {
                    for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
                        s.executeUpdate("DELETE FROM \"" + table.getKey() + "\"");
                        for (Object[] row : table.getValue()) {
                            try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"" + table.getKey()
                                    + "\" VALUES (" + String.join(", ", Collections.nCopies(row.length, "?")) + ")")) {
                                for (int i = 0; i < row.length; i++) {
                                    insert.setObject(i + 1, row[i]);
                                }
                                insert.executeUpdate();
                            }
                        }
                    }
                } catch (SQLException e) {
                    factory.close();
                    s.execute("SHUTDOWN");
                    return;
                }
            }
            IDLE.add(this);
        }
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
        try {
            drop.run();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the database", e);
        }
    }
}
