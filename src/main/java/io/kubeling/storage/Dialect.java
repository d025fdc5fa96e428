package io.kubeling.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.value.ValueVarbinary;

/**
 * What differs between the databases the log runs on: where their Flyway migrations are, how a row's
 * value is bound, and whether other processes may write the same log. H2 is one process's database, so
 * its store is the log's only writer; PostgreSQL is shared, so its store also follows what other
 * replicas append and wakes them when it appends (LISTEN/NOTIFY).
 */
public enum Dialect {

    H2("h2", false),
    POSTGRESQL("postgresql", true);

    /** The channel a PostgreSQL store notifies with each appended revision. */
    static final String CHANNEL = "kubeling_log";

    private final String vendor;
    private final boolean shared;

    Dialect(String vendor, boolean shared) {
        this.vendor = vendor;
        this.shared = shared;
    }

    /** The Flyway location of this database's migrations. */
    public String migrations() {
        return "classpath:db/migration/" + vendor;
    }

    /** Whether other processes may append to the same log. */
    boolean shared() {
        return shared;
    }

    /**
     * Binds a row's value to an insert. H2's setBytes copies the array, against the caller changing it afterwards,
     * and the log's values are never changed, so H2 is handed them as they are.
     */
    void bindValue(PreparedStatement statement, int index, byte[] value) throws SQLException {
        if (this == H2 && value != null) {
            statement.setObject(index, ValueVarbinary.getNoCopy(value));
        } else {
            statement.setBytes(index, value);
        }
    }

    public static Dialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }

    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> H2;
            case "PostgreSQL" -> POSTGRESQL;
            default -> throw new IllegalStateException("the revision log runs on H2 or PostgreSQL, not on " + product);
        };
    }
}
