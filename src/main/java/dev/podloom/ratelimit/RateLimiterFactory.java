package dev.podloom.ratelimit;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses where buckets live by {@code podloom.rate-limits.backend}: {@code postgres} (shared by all
 * nodes), {@code memory} (this process only) or {@code auto} (default): postgres when the default
 * datasource is PostgreSQL, memory otherwise (the embedded H2 setup is single-node anyway).
 * Decided at startup, so a wrong setting stops the application rather than its first request.
 */
@Factory
final class RateLimiterFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiterFactory.class);

    @Context
    BucketRateLimiter rateLimiter(@Value("${podloom.rate-limits.backend:auto}") String backend,
                                  @Value("${podloom.rate-limits.memory.max-buckets:100000}") long maxBuckets,
                                  @Named("default") BeanProvider<DataSource> dataSource,
                                  Optional<DataSourceResolver> resolver, Clock clock) {
        // Bucket4j runs its own short transactions: hand it the pool, not a transaction-bound proxy.
        DataSource pool = dataSource.isPresent()
                ? resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource.get()) : null;
        boolean postgres = switch (backend.toLowerCase(Locale.ROOT)) {
            case "memory" -> false;
            case "postgres" -> {
                if (!isPostgres(pool)) {
                    throw new ConfigurationException(
                            "podloom.rate-limits.backend is postgres but the default datasource is not PostgreSQL");
                }
                yield true;
            }
            case "auto" -> isPostgres(pool);
            default -> throw new ConfigurationException(
                    "podloom.rate-limits.backend must be auto, memory or postgres, not " + backend);
        };
        if (postgres) {
            LOG.info("Rate-limit buckets are kept in PostgreSQL and shared by all nodes");
            return BucketRateLimiter.postgres(pool, clock);
        }
        LOG.info("Rate-limit buckets are kept in memory (single node)");
        return BucketRateLimiter.inMemory(clock, maxBuckets);
    }

    private static boolean isPostgres(DataSource pool) {
        if (pool == null) {
            return false;
        }
        try (Connection connection = pool.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new ConfigurationException("Cannot inspect the default datasource to choose a rate-limit backend", e);
        }
    }
}
