package dev.podloom.migrations;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.inject.BeanIdentifier;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;

/**
 * micronaut-flyway's migration runner, with one shortcut: when the schema history already records every migration
 * the jar carries, each applied successfully and with the checksum Flyway computes for it today, there is nothing
 * for Flyway to do, and it is not started. That is every restart of a node on an existing data directory: Flyway's
 * own start (its plugins, its configuration copy through Jackson, its scan of the jar, its validation) was a sixth
 * of the service's startup work. In every other case (a new database, a new migration, a changed or failed one,
 * any Flyway setting beyond {@code enabled} and the default location) Flyway runs exactly as before, and reports
 * what it finds as it always did.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
public class CurrentSchemaMigrationRunner extends DataSourceMigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentSchemaMigrationRunner.class);

    /** The only Flyway settings the shortcut understands; any other one set means Flyway decides. */
    private static final Set<String> PLAIN_SETTINGS = Set.of("enabled", "locations");

    private final ApplicationContext applicationContext;
    private final DataSourceResolver dataSourceResolver;

    public CurrentSchemaMigrationRunner(ApplicationContext applicationContext,
                                        ApplicationEventPublisher<?> eventPublisher,
                                        @Nullable DataSourceResolver dataSourceResolver) {
        super(applicationContext, eventPublisher, dataSourceResolver);
        this.applicationContext = applicationContext;
        this.dataSourceResolver = dataSourceResolver == null ? DataSourceResolver.DEFAULT : dataSourceResolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        BeanIdentifier identifier = event.getBeanIdentifier();
        String name = identifier == null ? "default" : identifier.getName();
        if (plainSettings(name)) {
            // The pool itself: the bean may already be wrapped in a proxy that asks the context for this very data
            // source (still being created) on every connection.
            SchemaHistory.Verdict verdict = SchemaHistory.check(dataSourceResolver.resolve(dataSource),
                    getClass().getClassLoader());
            if (verdict.current()) {
                LOG.info("Database schema is current ({} migrations, checksums match): Flyway not needed",
                        verdict.migrations());
                return dataSource;
            }
            LOG.debug("Running Flyway: {}", verdict.reason());
        }
        return super.onCreated(event);
    }

    private boolean plainSettings(String dataSourceName) {
        Map<String, Object> settings = applicationContext.getProperties("flyway.datasources." + dataSourceName);
        return !settings.isEmpty()
                && PLAIN_SETTINGS.containsAll(settings.keySet())
                && "true".equals(String.valueOf(settings.get("enabled")))
                && SchemaHistory.LOCATION.equals(String.valueOf(settings.get("locations")));
    }
}
