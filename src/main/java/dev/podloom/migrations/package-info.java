/**
 * The database schema: the Flyway migrations in {@code db/migration} run when the data source is created, as
 * micronaut-flyway does, except that a start on a schema that already has every migration, unchanged, skips Flyway
 * ({@link dev.podloom.migrations.CurrentSchemaMigrationRunner}).
 */
package dev.podloom.migrations;
