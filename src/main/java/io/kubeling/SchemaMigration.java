package io.kubeling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Flyway's migration of the log's schema, on a thread of its own: Spring Boot asks for it before it
 * builds the entity manager factory, whose bootstrap then goes on meanwhile and waits for the
 * migration only to validate the schema ({@link ValidationAfterMigration}), as the store's start
 * waits for it only to read the log. So the main thread, Hibernate's and Flyway's all run at once.
 */
final class SchemaMigration implements FlywayMigrationStrategy {

    private volatile CompletableFuture<Void> migrated;

    @Override
    public synchronized void migrate(Flyway flyway) {
        if (migrated != null) {
            throw new IllegalStateException("the schema is migrated already");
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        migrated = future;
        Thread thread = new Thread(() -> {
            try {
                flyway.migrate();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "kubeling-schema-migration");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the migration and throws what it threw; returns at once when Flyway has not been
     * asked for one, which it is before anything that reads the schema is built.
     */
    void awaitMigrated() {
        CompletableFuture<Void> future = migrated;
        if (future == null) {
            return;
        }
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException("the schema's migration failed", e.getCause());
        }
    }
}
