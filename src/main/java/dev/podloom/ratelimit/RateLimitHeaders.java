package dev.podloom.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders decisions as the IETF httpapi rate-limit fields (draft-ietf-httpapi-ratelimit-headers,
 * structured-field form):
 * <pre>
 * RateLimit-Policy: "requests-per-minute";q=10;w=60, "requests-per-hour";q=60;w=3600
 * RateLimit: "requests-per-minute";r=7;t=42
 * Retry-After: 42            (rejected requests only)
 * </pre>
 * {@code RateLimit} describes the most constraining policy: {@code r} requests remain, the window
 * resets in {@code t} seconds.
 */
public final class RateLimitHeaders {

    public static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    public static final String RATE_LIMIT = "RateLimit";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {
    }

    public static Map<String, String> of(RateLimitDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RATE_LIMIT_POLICY, policy(decision.policies().stream().map(RateLimitDecision.PolicyStatus::policy).toList()));
        headers.put(RATE_LIMIT, rateLimit(decision.mostConstraining()));
        if (!decision.allowed()) {
            headers.put(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        }
        return headers;
    }

    public static String policy(List<RateLimitPolicy> policies) {
        return policies.stream()
                .map(p -> "\"" + p.name() + "\";q=" + p.limit() + ";w=" + p.window().toSeconds())
                .collect(Collectors.joining(", "));
    }

    public static String rateLimit(RateLimitDecision.PolicyStatus status) {
        return "\"" + status.policy().name() + "\";r=" + status.remaining() + ";t=" + status.resetSeconds();
    }
}
