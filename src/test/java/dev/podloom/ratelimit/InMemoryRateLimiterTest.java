package dev.podloom.ratelimit;

import java.time.Clock;

class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter limiter(Clock clock) {
        return BucketRateLimiter.inMemory(clock, 1_000);
    }
}
