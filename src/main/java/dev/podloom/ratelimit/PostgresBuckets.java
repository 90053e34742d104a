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
 * per bucket and never overspend. Each write stamps {@code expires_at} with the moment the bucket would
 * be full again (Bucket4j uses the system clock for this), and {@link #evictIdle()} deletes expired rows.
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
                // A row may go once its bucket is full again: a deleted bucket comes back full, the same state.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
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
