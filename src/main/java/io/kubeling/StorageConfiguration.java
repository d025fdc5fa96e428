package io.kubeling;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

import io.kubeling.config.KubelingProperties;
import io.kubeling.config.StorageProperties;
import io.kubeling.storage.FileCompactor;
import io.kubeling.storage.HistoryCompactor;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.LogStore;
import io.kubeling.storage.StorageSettings;

/**
 * The store on the database Spring Boot has migrated with Flyway and mapped with JPA, whatever its
 * URL: an H2 file by default, an in-memory H2 database for an embedded server. The store starts
 * on a thread of its own, as Hibernate does (spring.jpa.bootstrap: async), while the rest of the
 * server is built on the other core; it has started before any bean starts (SmartLifecycle) or
 * the context is refreshed, and is closed after everything that depends on it.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(initMethod = "startInBackground", destroyMethod = "close")
    LogStore keyValueStore(EntityManagerFactory factory, DataSource dataSource, Clock clock,
            KubelingProperties properties, StorageProperties storage) {
        KubelingProperties.History history = properties.history();
        return new LogStore(factory, dataSource, clock, new StorageSettings(storage.fsync(), history.memoryWindow(),
                history.memoryBytesOr(Runtime.getRuntime().maxMemory())));
    }

    /** Once every bean is built, the store's start has ended, or the server does not start. */
    @Bean
    SmartInitializingSingleton keyValueStoreStarted(LogStore store) {
        return store::awaitStarted;
    }

    /** The log's two entities, named rather than found by scanning the class path. */
    @Bean
    PersistenceManagedTypes persistenceManagedTypes() {
        return PersistenceManagedTypes.of(LogStore.ENTITIES.stream().map(Class::getName).toList(), java.util.List.of());
    }

    @Bean
    HistoryCompactor historyCompactor(KeyValueStore store, KubelingProperties properties, Clock clock) {
        return new HistoryCompactor(store, properties.history().minRevisions(), properties.history().minAge(), clock);
    }

    @Bean
    FileCompactor fileCompactor(DataSource dataSource) {
        return new FileCompactor(dataSource);
    }
}
