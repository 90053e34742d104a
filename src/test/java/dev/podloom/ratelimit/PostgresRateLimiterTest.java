package dev.podloom.ratelimit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL backend on a real PostgreSQL, with the schema from the Flyway migrations. */
class PostgresRateLimiterTest extends RateLimiterContract {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected RateLimiter limiter(Clock clock) {
        return BucketRateLimiter.postgres(dataSource, clock);
    }

    @Test
    void twoNodesOnOneDatabaseShareOneBudgetUnderConcurrentRequests() throws Exception {
        int limit = 20;
        List<RateLimitPolicy> policies = List.of(RateLimitPolicy.perHour("requests-per-hour", limit));
        RateLimiter nodeA = BucketRateLimiter.postgres(dataSource, clock);
        RateLimiter nodeB = BucketRateLimiter.postgres(dataSource, clock);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int i = 0; i <= limit; i++) {
            RateLimiter node = i % 2 == 0 ? nodeA : nodeB;
            requests.add(() -> {
                start.await();
                return node.tryConsume("key_shared", policies).allowed();
            });
        }

        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> futures = requests.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Boolean> future : futures) {
                outcomes.add(future.get());
            }
        }

        assertThat(outcomes).filteredOn(allowed -> allowed).hasSize(limit);
        assertThat(nodeA.tryConsume("key_shared", policies).allowed()).isFalse();
        assertThat(nodeB.tryConsume("key_shared", policies).allowed()).isFalse();
    }

    @Test
    void bucketsIdleLongerThanTheirWindowAreDeleted() throws Exception {
        BucketRateLimiter limiter = BucketRateLimiter.postgres(dataSource, clock);
        List<RateLimitPolicy> perSecond = List.of(new RateLimitPolicy("requests-per-second", 5, Duration.ofSeconds(1)));
        List<RateLimitPolicy> perHour = List.of(RateLimitPolicy.perHour("requests-per-hour", 5));
        limiter.tryConsume("key_idle", perSecond);
        limiter.tryConsume("key_busy", perHour);

        // Bucket4j stamps and sweeps expiry with the real clock, so real time has to pass here.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            Thread.sleep(200);
            limiter.evictIdle();
        } while (rowExists(BucketRateLimiter.key("key_idle", perSecond)) && System.nanoTime() < deadline);

        assertThat(rowExists(BucketRateLimiter.key("key_idle", perSecond))).as("idle past its window").isFalse();
        assertThat(rowExists(BucketRateLimiter.key("key_busy", perHour))).as("within its window").isTrue();
        // The limiter still holds a batching proxy for the swept bucket: using it again must just work.
        assertThat(limiter.tryConsume("key_idle", perSecond).allowed()).isTrue();
        assertThat(rowExists(BucketRateLimiter.key("key_idle", perSecond))).as("made again").isTrue();
    }

    private static boolean rowExists(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT 1 FROM rate_limit_bucket WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
