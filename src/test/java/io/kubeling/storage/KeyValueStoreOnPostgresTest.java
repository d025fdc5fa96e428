package io.kubeling.storage;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.PostgresServer;

/** The store's contract on PostgreSQL, on a database of its own in the test run's throwaway server. */
class KeyValueStoreOnPostgresTest extends KeyValueStoreContract {

    @Override
    InMemoryStorage openStorage() {
        HikariDataSource dataSource = PostgresServer.shared().newDataSource();
        return InMemoryStorage.on(dataSource, Clock.systemUTC(), dataSource::close);
    }
}
