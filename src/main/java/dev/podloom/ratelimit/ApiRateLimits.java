package dev.podloom.ratelimit;

import dev.podloom.auth.Caller;
import dev.podloom.pricing.PricingRules;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The per-key limits of pricing-rules.yaml: every {@code /v1} request counts against the request
 * rate; a podcast that is about to be charged also counts against the generation rate.
 */
@Singleton
public class ApiRateLimits {

    private final RateLimiter limiter;
    private final PricingRules rules;

    public ApiRateLimits(RateLimiter limiter, PricingRules rules) {
        this.limiter = limiter;
        this.rules = rules;
    }

    public RateLimitDecision request(Caller caller) {
        PricingRules.RateLimits limits = rules.forToken(caller.tokenType()).rateLimits();
        return limiter.tryConsume("requests:" + caller.keyId(), List.of(
                RateLimitPolicy.perMinute("requests-per-minute", limits.requestsPerMinute()),
                RateLimitPolicy.perHour("requests-per-hour", limits.requestsPerHour())));
    }

    /** Counts one generation; throws {@code RATE_LIMITED} (429 with Retry-After) when over the limit. */
    public void generation(Caller caller) {
        PricingRules.RateLimits limits = rules.forToken(caller.tokenType()).rateLimits();
        RateLimitDecision decision = limiter.tryConsume("generations:" + caller.keyId(), List.of(
                RateLimitPolicy.perMinute("generations-per-minute", limits.generationsPerMinute()),
                RateLimitPolicy.perHour("generations-per-hour", limits.generationsPerHour())));
        if (!decision.allowed()) {
            throw decision.rejection();
        }
    }
}
