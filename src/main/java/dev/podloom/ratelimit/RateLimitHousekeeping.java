package dev.podloom.ratelimit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Deletes idle buckets now and then, so the table (or cache) does not grow with every caller ever seen. */
@Singleton
final class RateLimitHousekeeping {

    private final BucketRateLimiter rateLimiter;

    RateLimitHousekeeping(BucketRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Scheduled(fixedDelay = "${podloom.rate-limits.cleanup-interval:5m}",
            initialDelay = "${podloom.rate-limits.cleanup-interval:5m}")
    void evictIdleBuckets() {
        rateLimiter.evictIdle();
    }
}
