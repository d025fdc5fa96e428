package io.kubeling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;

/**
 * Flyway's migration of the log's schema, on a thread of its own from the moment the server asks for it, Flyway's
 * own set-up included (its plug-in lookup, its locations, the first connection that opens the database): Hibernate's
 * bootstrap goes on meanwhile and waits for the migration only to validate the schema
 * ({@link ValidationAfterMigration}), as the store's start waits for it only to read the log. So the main thread,
 * Hibernate's and Flyway's all run at once.
 */
final class SchemaMigration {

    private volatile CompletableFuture<Void> migrated;

    /** Builds Flyway and migrates, on a thread of its own. */
    synchronized void migrate(Supplier<Flyway> flyway) {
        if (migrated != null) {
            throw new IllegalStateException("the schema is migrated already");
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        migrated = future;
        Thread thread = new Thread(() -> {
            try {
                flyway.get().migrate();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "kubeling-schema-migration");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the migration and throws what it threw; returns at once when none has been asked for (migrations
     * switched off), which it is before anything that reads the schema is built.
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
