package dev.podloom.ratelimit;

import dev.podloom.testsupport.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RateLimiter} backend must do; one subclass per backend runs it for real. */
abstract class RateLimiterContract {

    private static final RateLimitPolicy FIVE_PER_MINUTE = RateLimitPolicy.perMinute("requests-per-minute", 5);

    protected final SettableClock clock = new SettableClock("2026-11-23T12:00:18Z");
    private final String subject = "key_" + UUID.randomUUID();

    protected abstract RateLimiter limiter(Clock clock);

    @Test
    void theFirstRequestIsAllowedAndTheRestOfTheBudgetIsReported() {
        RateLimitDecision decision = limiter(clock).tryConsume(subject, List.of(FIVE_PER_MINUTE));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.retryAfterSeconds()).isZero();
        assertThat(decision.policies()).containsExactly(new RateLimitDecision.PolicyStatus(FIVE_PER_MINUTE, 4, 42));
    }

    @Test
    void theRequestAfterTheLimitIsRejectedUntilTheWindowEnds() {
        RateLimiter limiter = limiter(clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryConsume(subject, List.of(FIVE_PER_MINUTE)).allowed()).isTrue();
        }

        RateLimitDecision rejected = limiter.tryConsume(subject, List.of(FIVE_PER_MINUTE));
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(42);
        assertThat(rejected.mostConstraining()).isEqualTo(new RateLimitDecision.PolicyStatus(FIVE_PER_MINUTE, 0, 42));

        clock.advance(Duration.ofSeconds(41));
        assertThat(limiter.tryConsume(subject, List.of(FIVE_PER_MINUTE)).retryAfterSeconds()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        RateLimitDecision nextWindow = limiter.tryConsume(subject, List.of(FIVE_PER_MINUTE));
        assertThat(nextWindow.allowed()).isTrue();
        assertThat(nextWindow.mostConstraining().remaining()).isEqualTo(4);
        assertThat(nextWindow.mostConstraining().resetSeconds()).isEqualTo(60);
    }

    @Test
    void aMinuteAndAnHourPolicyAreBothEnforced() {
        RateLimitPolicy minute = RateLimitPolicy.perMinute("requests-per-minute", 2);
        RateLimitPolicy hour = RateLimitPolicy.perHour("requests-per-hour", 3);
        List<RateLimitPolicy> policies = List.of(minute, hour);
        RateLimiter limiter = limiter(clock);
        clock.set("2026-11-23T12:00:10Z");

        assertThat(limiter.tryConsume(subject, policies).allowed()).isTrue();
        assertThat(limiter.tryConsume(subject, policies).allowed()).isTrue();
        RateLimitDecision minuteSpent = limiter.tryConsume(subject, policies);
        assertThat(minuteSpent.allowed()).isFalse();
        assertThat(minuteSpent.retryAfterSeconds()).isEqualTo(50);
        assertThat(minuteSpent.policies()).containsExactly(
                new RateLimitDecision.PolicyStatus(minute, 0, 50),
                new RateLimitDecision.PolicyStatus(hour, 1, 3590));

        clock.set("2026-11-23T12:01:00Z");
        RateLimitDecision lastOfTheHour = limiter.tryConsume(subject, policies);
        assertThat(lastOfTheHour.allowed()).isTrue();
        assertThat(lastOfTheHour.mostConstraining()).isEqualTo(new RateLimitDecision.PolicyStatus(hour, 0, 3540));

        RateLimitDecision hourSpent = limiter.tryConsume(subject, policies);
        assertThat(hourSpent.allowed()).isFalse();
        assertThat(hourSpent.retryAfterSeconds()).isEqualTo(3540);
        assertThat(hourSpent.mostConstraining().policy()).isEqualTo(hour);
    }

    @Test
    void aRejectedRequestChargesNoPolicy() {
        RateLimitPolicy minute = RateLimitPolicy.perMinute("requests-per-minute", 1);
        RateLimitPolicy hour = RateLimitPolicy.perHour("requests-per-hour", 10);
        List<RateLimitPolicy> policies = List.of(minute, hour);
        RateLimiter limiter = limiter(clock);

        limiter.tryConsume(subject, policies);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume(subject, policies).allowed()).isFalse();
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(limiter.tryConsume(subject, policies).policies().get(1).remaining()).isEqualTo(8);
    }

    @Test
    void eachSubjectHasItsOwnBudget() {
        RateLimitPolicy one = RateLimitPolicy.perMinute("requests-per-minute", 1);
        RateLimiter limiter = limiter(clock);

        assertThat(limiter.tryConsume(subject, List.of(one)).allowed()).isTrue();
        assertThat(limiter.tryConsume(subject, List.of(one)).allowed()).isFalse();
        assertThat(limiter.tryConsume(subject + "-other", List.of(one)).allowed()).isTrue();
    }

    @Test
    void changingTheLimitsStartsAFreshBudget() {
        RateLimiter limiter = limiter(clock);
        limiter.tryConsume(subject, List.of(RateLimitPolicy.perMinute("requests-per-minute", 1)));

        RateLimitDecision upgraded = limiter.tryConsume(subject, List.of(RateLimitPolicy.perMinute("requests-per-minute", 30)));

        assertThat(upgraded.allowed()).isTrue();
        assertThat(upgraded.mostConstraining().remaining()).isEqualTo(29);
    }
}
