package dev.podloom.ratelimit;

import java.util.List;

/**
 * Counts requests against budgets. Typical use in a filter:
 * <pre>{@code
 * RateLimitDecision decision = rateLimiter.tryConsume(apiKeyId, policies);
 * if (!decision.allowed()) throw decision.rejection();      // 429 with Retry-After
 * ... proceed, then decision.headers().forEach(response::header);
 * }</pre>
 */
public interface RateLimiter {

    /**
     * Takes one request from {@code subject}'s budget under all {@code policies} at once: either every
     * policy has room and each is charged, or none is charged and the request is rejected.
     */
    RateLimitDecision tryConsume(String subject, List<RateLimitPolicy> policies);

    /** Returns one request to {@code subject}'s budget, e.g. when the work it paid for was refused after all. */
    void giveBack(String subject, List<RateLimitPolicy> policies);
}
