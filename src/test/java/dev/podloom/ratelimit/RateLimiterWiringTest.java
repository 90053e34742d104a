package dev.podloom.ratelimit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app as configured by default: embedded H2, migrations applied, buckets in memory. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimiterWiringTest implements TestPropertyProvider {

    @Inject
    RateLimiter rateLimiter;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("podloom.data-dir", Files.createTempDirectory("podloom-ratelimit-test").toString(),
                    "micronaut.server.port", "-1"); // a free port: other services may run on this machine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onTheEmbeddedDatabaseTheMigrationRunsButBucketsStayInMemory() throws Exception {
        List<RateLimitPolicy> policies = List.of(RateLimitPolicy.perHour("requests-per-hour", 2));

        assertThat(rateLimiter.tryConsume("key_wiring", policies).allowed()).isTrue();
        assertThat(rateLimiter.tryConsume("key_wiring", policies).allowed()).isTrue();
        assertThat(rateLimiter.tryConsume("key_wiring", policies).allowed()).isFalse();

        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM rate_limit_bucket")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }
}
