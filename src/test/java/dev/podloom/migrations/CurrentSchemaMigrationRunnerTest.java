package dev.podloom.migrations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's migration runner on the embedded database: the first start migrates, a restart skips Flyway. */
class CurrentSchemaMigrationRunnerTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CurrentSchemaMigrationRunner.class);

    @TempDir
    Path dataDir;

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void theFirstStartMigratesAndARestartOnTheSameDataDirectorySkipsFlyway() throws Exception {
        try (EmbeddedServer first = start()) {
            assertThat(first.getApplicationContext().getBean(DataSourceMigrationRunner.class))
                    .isInstanceOf(CurrentSchemaMigrationRunner.class);
            assertThat(appliedMigrations(first)).isPositive();
            assertThat(messages()).noneMatch(m -> m.startsWith("Database schema is current"));
        }

        try (EmbeddedServer restarted = start()) {
            int applied = appliedMigrations(restarted);
            assertThat(messages()).contains("Database schema is current (" + applied
                    + " migrations, checksums match): Flyway not needed");
        }
    }

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.jobs.enabled", "false",
                "micronaut.server.port", "-1"));
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int appliedMigrations(EmbeddedServer server) throws Exception {
        DataSource dataSource = server.getApplicationContext().getBean(DataSourceResolver.class)
                .resolve(server.getApplicationContext().getBean(DataSource.class));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from flyway_schema_history where type = 'SQL'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
