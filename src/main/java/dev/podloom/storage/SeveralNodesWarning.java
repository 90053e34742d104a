package dev.podloom.storage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * PostgreSQL is how several nodes share one service; local storage only works for them if they share its
 * directory. Says so once at startup, since nothing else would until a link asked from another node is a 404.
 */
@Singleton
@Requires(property = StorageProperties.TYPE, value = "local", defaultValue = "local")
final class SeveralNodesWarning implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SeveralNodesWarning.class);

    private final DataSource dataSource;
    private final StorageProperties properties;
    private final Path dataDir;
    private final boolean secretConfigured;

    SeveralNodesWarning(DataSource dataSource, DataSourceResolver resolver, StorageProperties properties,
                        @Value("${podloom.data-dir:./data}") Path dataDir,
                        @Value("${podloom.link-secret:}") String linkSecretFromEnvironment) {
        this.dataSource = resolver.resolve(dataSource);
        this.properties = properties;
        this.dataDir = dataDir;
        this.secretConfigured = properties.getLinkSecret() != null || !linkSecretFromEnvironment.isBlank();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!isPostgres()) {
            return;
        }
        LOG.warn("Local storage on PostgreSQL: if several nodes share this database, they all need the same objects "
                        + "and the same link secret. Either use S3 (PODLOOM_STORAGE_TYPE=s3) or give every node one shared "
                        + "directory (PODLOOM_STORAGE_LOCAL_DIRECTORY, now {}); {}. A single node needs nothing more.",
                properties.localDirectory(dataDir).toAbsolutePath(),
                secretConfigured ? "PODLOOM_LINK_SECRET is set here, so set the same value on every node"
                        : "the link secret is kept in the database, where every node finds it");
    }

    private boolean isPostgres() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            return false; // the application's own startup reports an unreachable database
        }
    }
}
