package io.kubeling;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubeling.config.KubelingProperties;
import io.kubeling.config.StorageProperties;
import io.kubeling.storage.FileCompactor;
import io.kubeling.storage.HistoryCompactor;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.LogStore;
import io.kubeling.storage.StorageSettings;

/**
 * The store on the database Spring Boot has migrated with Flyway and mapped with JPA, whatever its
 * URL: an H2 file by default, an in-memory H2 database for an embedded server. The store is
 * started before anything that depends on it is built, and closed after them.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    KeyValueStore keyValueStore(EntityManagerFactory factory, DataSource dataSource, Clock clock,
            KubelingProperties properties, StorageProperties storage) {
        KubelingProperties.History history = properties.history();
        return new LogStore(factory, dataSource, clock, new StorageSettings(storage.fsync(), history.memoryWindow(),
                history.memoryBytesOr(Runtime.getRuntime().maxMemory())));
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
