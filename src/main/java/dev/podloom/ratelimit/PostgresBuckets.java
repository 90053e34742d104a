package dev.podloom.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Buckets as rows of {@code rate_limit_bucket} (see {@code V50__rate_limit_buckets.sql}). Each consume
 * locks its row with {@code SELECT ... FOR UPDATE}, so concurrent requests on any node are serialised
 * per bucket and never overspend. Rows get an {@code expires_at} once the bucket would be full again,
 * and {@link #evictIdle()} deletes the expired ones.
 */
final class PostgresBuckets implements BucketRateLimiter.BucketSource {

    private static final int DELETE_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;

    PostgresBuckets(DataSource dataSource, TimeMeter time) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // keep a row a little past its full refill, so a returning caller is not charged twice
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .clientClock(time)
                .build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration, Duration longestWindow) {
        return proxies.builder().build(key, () -> configuration);
    }

    @Override
    public void evictIdle() {
        while (proxies.removeExpired(DELETE_BATCH) == DELETE_BATCH) {
            // more rows may have expired: keep going in batches that lock little at a time
        }
    }
}
