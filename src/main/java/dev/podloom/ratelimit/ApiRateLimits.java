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

    /**
     * Runs {@code generation} if the key's generation rate allows one more, counting it; throws
     * {@code RATE_LIMITED} (429 with Retry-After) otherwise. A generation that is refused after all
     * (no credits, too many running) is given back: only accepted work uses up the budget.
     */
    public <T> T generation(Caller caller, java.util.function.Supplier<T> generation) {
        PricingRules.RateLimits limits = rules.forToken(caller.tokenType()).rateLimits();
        String subject = "generations:" + caller.keyId();
        List<RateLimitPolicy> policies = List.of(
                RateLimitPolicy.perMinute("generations-per-minute", limits.generationsPerMinute()),
                RateLimitPolicy.perHour("generations-per-hour", limits.generationsPerHour()));
        RateLimitDecision decision = limiter.tryConsume(subject, policies);
        if (!decision.allowed()) {
            throw decision.rejection();
        }
        try {
            return generation.get();
        } catch (RuntimeException e) {
            limiter.giveBack(subject, policies);
            throw e;
        }
    }
}
