package dev.podloom.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut's judgement against Flyway's own: a schema Flyway has just migrated is current; a schema Flyway
 * would have to touch (new, missing, changed or failed migrations) is not. On H2 and on a real PostgreSQL.
 */
class SchemaHistoryTest {

    @TempDir
    Path dir;

    private final ClassLoader classLoader = getClass().getClassLoader();

    @Test
    void anEmptyDatabaseIsNotCurrent() {
        assertThat(SchemaHistory.check(h2(), classLoader).current()).isFalse();
    }

    @Test
    void aDatabaseFlywayHasJustMigratedIsCurrentWithEveryMigrationCounted() throws IOException {
        DataSource dataSource = migratedH2();

        SchemaHistory.Verdict verdict = SchemaHistory.check(dataSource, classLoader);

        assertThat(verdict.current()).as(verdict.reason()).isTrue();
        assertThat(verdict.migrations()).isEqualTo(migrationFiles());
    }

    @Test
    void aMigrationTheDatabaseHasNotSeenMakesItNotCurrent() throws SQLException {
        DataSource dataSource = migratedH2();
        execute(dataSource, "delete from flyway_schema_history where installed_rank = "
                + "(select max(installed_rank) from flyway_schema_history)");

        assertThat(SchemaHistory.check(dataSource, classLoader).current()).isFalse();
    }

    @Test
    void aMigrationChangedSinceItWasAppliedMakesItNotCurrent() throws SQLException {
        DataSource dataSource = migratedH2();
        execute(dataSource, "update flyway_schema_history set checksum = checksum + 1 where installed_rank = 1");

        SchemaHistory.Verdict verdict = SchemaHistory.check(dataSource, classLoader);

        assertThat(verdict.current()).isFalse();
        assertThat(verdict.reason()).contains("changed since it was applied");
    }

    @Test
    void aFailedMigrationMakesItNotCurrent() throws SQLException {
        DataSource dataSource = migratedH2();
        execute(dataSource, "update flyway_schema_history set success = false where installed_rank = 1");

        assertThat(SchemaHistory.check(dataSource, classLoader).current()).isFalse();
    }

    @Test
    void aPostgresDatabaseFlywayHasJustMigratedIsCurrentAndOneWithAnExtraRowIsNot() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            assertThat(SchemaHistory.check(dataSource, classLoader).current()).isFalse();
            Flyway.configure().dataSource(dataSource).locations(SchemaHistory.LOCATION).load().migrate();

            SchemaHistory.Verdict verdict = SchemaHistory.check(dataSource, classLoader);
            assertThat(verdict.current()).as(verdict.reason()).isTrue();
            assertThat(verdict.migrations()).isEqualTo(migrationFiles());

            execute(dataSource, "insert into flyway_schema_history (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, execution_time, success) values (999, '999', 'later', 'SQL', "
                    + "'V999__later.sql', 1, 'test', 0, true)");
            assertThat(SchemaHistory.check(dataSource, classLoader).current()).isFalse();
        }
    }

    private DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("podloom") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("sa");
        return dataSource;
    }

    private DataSource migratedH2() {
        DataSource dataSource = h2();
        Flyway.configure().dataSource(dataSource).locations(SchemaHistory.LOCATION).load().migrate();
        return dataSource;
    }

    private static int migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.count();
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
