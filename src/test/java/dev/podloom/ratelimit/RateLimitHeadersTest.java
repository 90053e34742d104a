package dev.podloom.ratelimit;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class RateLimitHeadersTest {

    private static final RateLimitPolicy MINUTE = RateLimitPolicy.perMinute("requests-per-minute", 10);
    private static final RateLimitPolicy HOUR = RateLimitPolicy.perHour("requests-per-hour", 60);

    @Test
    void thePolicyHeaderListsEveryPolicyWithQuotaAndWindowInSeconds() {
        assertThat(RateLimitHeaders.policy(List.of(MINUTE, HOUR)))
                .isEqualTo("\"requests-per-minute\";q=10;w=60, \"requests-per-hour\";q=60;w=3600");
    }

    @Test
    void anAllowedRequestGetsPolicyAndTheMostConstrainingRemainderButNoRetryAfter() {
        RateLimitDecision decision = new RateLimitDecision(true, List.of(
                new RateLimitDecision.PolicyStatus(MINUTE, 7, 42),
                new RateLimitDecision.PolicyStatus(HOUR, 55, 1800)), 0);

        assertThat(decision.headers()).containsExactly(
                entry("RateLimit-Policy", "\"requests-per-minute\";q=10;w=60, \"requests-per-hour\";q=60;w=3600"),
                entry("RateLimit", "\"requests-per-minute\";r=7;t=42"));
    }

    @Test
    void whenTwoPoliciesAreSpentTheOneThatResetsLastIsReported() {
        RateLimitDecision decision = new RateLimitDecision(false, List.of(
                new RateLimitDecision.PolicyStatus(MINUTE, 0, 42),
                new RateLimitDecision.PolicyStatus(HOUR, 0, 1800)), 1800);

        assertThat(decision.headers()).containsEntry("RateLimit", "\"requests-per-hour\";r=0;t=1800")
                .containsEntry("Retry-After", "1800");
    }

    @Test
    void aRejectionIsA429RateLimitedErrorCarryingTheHeaders() {
        RateLimitDecision decision = new RateLimitDecision(false, List.of(
                new RateLimitDecision.PolicyStatus(MINUTE, 0, 12),
                new RateLimitDecision.PolicyStatus(HOUR, 40, 1800)), 12);

        ApiException rejection = decision.rejection();

        assertThat(rejection.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(rejection.code().status().getCode()).isEqualTo(429);
        assertThat(rejection.getMessage()).contains("requests-per-minute", "12 seconds");
        assertThat(rejection.details()).containsEntry("retry_after_seconds", 12L).containsEntry("limit", 10L);
        assertThat(rejection.headers()).containsEntry("Retry-After", "12")
                .containsEntry("RateLimit", "\"requests-per-minute\";r=0;t=12")
                .containsKey("RateLimit-Policy");
    }

    @Test
    void anAllowedDecisionHasNoRejection() {
        RateLimitDecision allowed = new RateLimitDecision(true, List.of(new RateLimitDecision.PolicyStatus(MINUTE, 9, 60)), 0);

        assertThatThrownBy(allowed::rejection).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policiesNeedAHeaderSafeNameAPositiveLimitAndAWholeSecondWindow() {
        assertThatThrownBy(() -> new RateLimitPolicy("has \"quotes\"", 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy("ok", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy("ok", 1, Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy("ok", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowsEndOnTheirClockBoundaries() {
        long at120018 = java.time.Instant.parse("2026-11-23T12:00:18Z").toEpochMilli();

        assertThat(BucketRateLimiter.secondsUntilWindowEnds(Duration.ofMinutes(1), at120018)).isEqualTo(42);
        assertThat(BucketRateLimiter.secondsUntilWindowEnds(Duration.ofHours(1), at120018)).isEqualTo(3582);
        assertThat(BucketRateLimiter.secondsUntilWindowEnds(Duration.ofMinutes(1), at120018 + 42_000)).isEqualTo(60);
        assertThat(BucketRateLimiter.secondsUntilWindowEnds(Duration.ofMinutes(1), at120018 + 41_001)).isEqualTo(1);
    }
}
