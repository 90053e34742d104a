package dev.podloom.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter limiter(Clock clock) {
        return BucketRateLimiter.inMemory(clock, 1_000);
    }

    @Test
    void policiesThatShareANameOrNoPoliciesAtAllAreRefused() {
        RateLimiter limiter = limiter(clock);

        assertThatThrownBy(() -> limiter.tryConsume("key", List.of(
                RateLimitPolicy.perMinute("requests", 10), RateLimitPolicy.perHour("requests", 60))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryConsume("key", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
