package io.kubeling.storage;

import java.time.Clock;

import io.kubeling.support.InMemoryStorage;

/** The store's contract on an in-memory H2 database, the embedded server's. */
class KeyValueStoreTest extends KeyValueStoreContract {

    @Override
    InMemoryStorage openStorage() {
        return InMemoryStorage.open(Clock.systemUTC());
    }
}
