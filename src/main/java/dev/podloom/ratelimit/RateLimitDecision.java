package dev.podloom.ratelimit;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link RateLimiter#tryConsume}: whether the request may proceed, what is left of
 * each policy, and when a rejected caller may retry.
 *
 * @param retryAfterSeconds 0 when allowed; otherwise whole seconds until the request would be allowed
 */
public record RateLimitDecision(boolean allowed, List<PolicyStatus> policies, long retryAfterSeconds) {

    /** What is left of one policy: {@code remaining} requests until its window ends in {@code resetSeconds}. */
    public record PolicyStatus(RateLimitPolicy policy, long remaining, long resetSeconds) {
    }

    public RateLimitDecision {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("A decision covers at least one policy");
        }
        policies = List.copyOf(policies);
    }

    /** The policy closest to refusing requests: fewest remaining, and of those the one that resets last. */
    public PolicyStatus mostConstraining() {
        return policies.stream()
                .min(Comparator.comparingLong(PolicyStatus::remaining)
                        .thenComparing(Comparator.comparingLong(PolicyStatus::resetSeconds).reversed()))
                .orElseThrow();
    }

    /** {@code RateLimit-Policy}, {@code RateLimit} and, when rejected, {@code Retry-After}: set them all. */
    public Map<String, String> headers() {
        return RateLimitHeaders.of(this);
    }

    /** The 429 {@code RATE_LIMITED} error to throw for a rejected request, headers included. */
    public ApiException rejection() {
        if (allowed) {
            throw new IllegalStateException("The request was allowed");
        }
        PolicyStatus limiting = mostConstraining();
        return new ApiException(ErrorCode.RATE_LIMITED,
                "Rate limit exceeded (" + limiting.policy().name() + "). Retry in " + retryAfterSeconds + " seconds.",
                Map.of("policy", limiting.policy().name(),
                        "limit", limiting.policy().limit(),
                        "window_seconds", limiting.policy().window().toSeconds(),
                        "retry_after_seconds", retryAfterSeconds),
                headers());
    }
}
