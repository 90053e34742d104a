package dev.podloom.ratelimit;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * At most {@code limit} requests per {@code window}, e.g. {@code ("requests-per-minute", 10, 1 min)}.
 * Windows are whole seconds because the {@code RateLimit-Policy} header states them in seconds.
 */
public record RateLimitPolicy(String name, long limit, Duration window) {

    // A safe structured-field string without escaping, and a readable policy name.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RateLimitPolicy {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A policy name is letters, digits, '.', '_' and '-': " + name);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("A policy allows at least one request: " + limit);
        }
        if (window == null || window.toSeconds() < 1 || window.toNanosPart() != 0) {
            throw new IllegalArgumentException("A policy window is a whole number of seconds: " + window);
        }
    }

    public static RateLimitPolicy perMinute(String name, long limit) {
        return new RateLimitPolicy(name, limit, Duration.ofMinutes(1));
    }

    public static RateLimitPolicy perHour(String name, long limit) {
        return new RateLimitPolicy(name, limit, Duration.ofHours(1));
    }
}
