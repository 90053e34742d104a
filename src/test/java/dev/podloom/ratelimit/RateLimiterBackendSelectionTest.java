package dev.podloom.ratelimit;

import io.micronaut.context.ApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code podloom.rate-limits.backend} in a running application, on PostgreSQL and on the embedded H2. */
class RateLimiterBackendSelectionTest {

    private static final List<RateLimitPolicy> POLICIES = List.of(RateLimitPolicy.perHour("requests-per-hour", 5));

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void onPostgresqlTheAutomaticChoiceKeepsBucketsInTheDatabase() throws SQLException {
        try (ApplicationContext app = ApplicationContext.run(onPostgres(Map.of()))) {
            app.getBean(RateLimiter.class).tryConsume("key_auto", POLICIES);

            assertThat(bucketRows()).isEqualTo(1);
        }
    }

    @Test
    void memoryCanBeChosenEvenOnPostgresql() throws SQLException {
        try (ApplicationContext app = ApplicationContext.run(onPostgres(Map.of("podloom.rate-limits.backend", "memory")))) {
            long before = bucketRows();
            app.getBean(RateLimiter.class).tryConsume("key_memory", POLICIES);

            assertThat(bucketRows()).isEqualTo(before);
        }
    }

    @Test
    void askingForPostgresqlOnAnotherDatabaseStopsTheApplication() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.rate-limits.backend", "postgres")).close())
                .hasStackTraceContaining("podloom.rate-limits.backend is postgres but the default datasource is not PostgreSQL");
    }

    @Test
    void anUnknownBackendStopsTheApplication() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.rate-limits.backend", "redis")).close())
                .hasStackTraceContaining("must be auto, memory or postgres");
    }

    private Map<String, Object> onPostgres(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver"));
        properties.putAll(extra);
        return properties;
    }

    private static long bucketRows() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM rate_limit_bucket")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
