package io.kubeling;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.flywaydb.core.Flyway;
import org.hibernate.boot.registry.classloading.internal.TcclLookupPrecedence;
import org.hibernate.cfg.EnvironmentSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

import io.kubeling.config.KubelingProperties;
import io.kubeling.config.StorageProperties;
import io.kubeling.storage.Dialect;
import io.kubeling.storage.FileCompactor;
import io.kubeling.storage.HistoryCompactor;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.LogStore;
import io.kubeling.storage.StorageSettings;

/**
 * The store on the database Flyway has migrated and JPA maps, whatever its
 * URL: an H2 file by default, an in-memory H2 database for an embedded server. Flyway migrates, and
 * the store starts, each on a thread of its own, as Hibernate bootstraps on another
 * (spring.jpa.bootstrap: async), while the rest of the server is built on the main thread; the
 * store reads the log in plain SQL once the schema is migrated, without waiting for Hibernate. It
 * has started before any bean starts (SmartLifecycle) or the context is refreshed, and is closed
 * after everything that depends on it.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    LogStore keyValueStore(EntityManagerFactory factory, DataSource dataSource, Clock clock,
            KubelingProperties properties, StorageProperties storage, SchemaMigration migration) {
        KubelingProperties.History history = properties.history();
        LogStore store = new LogStore(factory, dataSource, clock, new StorageSettings(storage.fsync(),
                history.memoryWindow(), history.memoryBytesOr(Runtime.getRuntime().maxMemory())));
        store.startInBackground(migration::awaitMigrated);
        return store;
    }

    /**
     * Flyway is set up and migrates on a thread of its own from the moment this bean is built, while Hibernate
     * bootstraps on another; Spring Boot's Flyway auto-configuration, left out, built Flyway on the main thread.
     * {@code spring.flyway.enabled=false} leaves the schema to whoever made it.
     */
    @Bean
    SchemaMigration schemaMigration(DataSource dataSource, Environment environment) {
        SchemaMigration migration = new SchemaMigration();
        if (environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
            ClassLoader loader = SchemaMigration.class.getClassLoader();
            migration.migrate(() -> Flyway.configure(loader).dataSource(dataSource)
                    .locations(Dialect.of(dataSource).migrations()).load());
        }
        return migration;
    }

    /** Hibernate validates its mapping once Flyway has migrated the schema, not before it bootstraps. */
    @Bean
    HibernatePropertiesCustomizer validationAfterMigration(SchemaMigration migration) {
        return properties -> properties.put(SchemaToolingSettings.SCHEMA_MANAGEMENT_TOOL,
                new ValidationAfterMigration(migration));
    }

    /**
     * Hibernate looks its services and classes up in its own class loader, which loads the log's entities too, and
     * not also in the thread's: its bootstrap thread is made while Jetty starts the servlet context, whose class
     * loader asks the application's again for every resource and class, so that each service lookup walked every
     * jar twice (a quarter of each server's bootstrap). Read from the persistence unit's own properties only.
     */
    @Bean
    EntityManagerFactoryBuilderCustomizer hibernateClassesFromItsOwnLoader() {
        return builder -> builder.addPersistenceUnitPostProcessors(unit -> unit.addProperty(
                EnvironmentSettings.TC_CLASSLOADER, TcclLookupPrecedence.NEVER.name()));
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
