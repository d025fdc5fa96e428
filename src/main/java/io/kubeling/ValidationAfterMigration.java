package io.kubeling;

import java.util.Map;

import org.hibernate.tool.schema.internal.HibernateSchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaValidator;

/**
 * Hibernate's schema tooling, whose validation of the mapping against the schema
 * ({@code ddl-auto: validate}) first waits for Flyway's migration: the rest of Hibernate's
 * bootstrap needs no schema and runs while Flyway migrates.
 */
final class ValidationAfterMigration extends HibernateSchemaManagementTool {

    private final SchemaMigration migration;

    ValidationAfterMigration(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public SchemaValidator getSchemaValidator(Map<String, Object> options) {
        SchemaValidator validator = super.getSchemaValidator(options);
        return (metadata, execution, filter) -> {
            migration.awaitMigrated();
            validator.doValidation(metadata, execution, filter);
        };
    }
}
