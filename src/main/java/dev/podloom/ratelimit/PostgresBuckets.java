package dev.podloom.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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

    /**
     * One proxy per bucket, shared by this node's concurrent callers: with Bucket4j's batching optimization
     * their consumptions go to the database together, one locked row read and write for many requests,
     * instead of queueing one by one on the row lock. Exact: batching delays nothing and predicts nothing.
     */
    private final Cache<String, Bucket> shared = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5)).maximumSize(100_000).build();

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration, Duration longestWindow) {
        return shared.get(key, k -> {
            // A batched first call fails on a bucket that has no row yet instead of creating it, so the row
            // is made (if missing) through a plain proxy before the batching one is handed out.
            proxies.builder().build(k, () -> configuration).getAvailableTokens();
            return proxies.builder().withOptimization(Optimizations.batching()).build(k, () -> configuration);
        });
    }

    @Override
    public void forget(String key) {
        shared.invalidate(key);
    }

    @Override
    public void evictIdle() {
        while (proxies.removeExpired(DELETE_BATCH) == DELETE_BATCH) {
            // more rows may have expired: keep going in batches that lock little at a time
        }
    }
}
