package dev.podloom.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;

/**
 * Local buckets in a bounded Caffeine cache. A bucket idle for longer than its longest window has fully
 * refilled, so forgetting it loses nothing. The size bound caps memory if subjects are unbounded; a
 * bucket evicted for size while in use comes back full, so keep the bound well above the active callers.
 */
final class InMemoryBuckets implements BucketRateLimiter.BucketSource {

    private record Entry(Bucket bucket, Duration idleLimit) {
    }

    private final TimeMeter time;
    private final Cache<String, Entry> cache;

    InMemoryBuckets(TimeMeter time, long maxBuckets) {
        this.time = time;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return entry.idleLimit().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.idleLimit().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.idleLimit().toNanos();
                    }
                })
                .build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration, Duration longestWindow) {
        return cache.get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return new Entry(builder.build(), longestWindow);
        }).bucket();
    }

    @Override
    public void evictIdle() {
        cache.cleanUp();
    }

    @Override
    public void forget(String key) {
        // nothing cached beside the buckets themselves
    }
}
