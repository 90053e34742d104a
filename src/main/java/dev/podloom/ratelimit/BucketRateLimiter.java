package dev.podloom.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link RateLimiter} over Bucket4j: one bucket per (subject, policy set), one bandwidth per policy, so a
 * single atomic consume charges every policy or none.
 * <p>
 * Each bandwidth refills <em>all</em> its tokens at fixed windows aligned to the clock (every minute on the
 * minute, every hour on the hour), which is what "N requests per minute" promises callers and makes each
 * window's reset time exact for the {@code RateLimit} header. A greedy refill would smooth bursts but
 * trickle tokens back one by one, leaving no honest "resets in t seconds". The price of fixed windows is
 * that up to 2N requests can pass around a window boundary.
 */
public final class BucketRateLimiter implements RateLimiter {

    /** Windows start at multiples of their length from here: a midnight, so minutes and hours line up. */
    static final Instant WINDOW_ANCHOR = Instant.parse("2000-01-01T00:00:00Z");

    private final BucketSource buckets;

    BucketRateLimiter(BucketSource buckets) {
        this.buckets = buckets;
    }

    /** Buckets in this process, at most {@code maxBuckets} of them: for a single node. */
    public static BucketRateLimiter inMemory(Clock clock, long maxBuckets) {
        return new BucketRateLimiter(new InMemoryBuckets(timeMeter(clock), maxBuckets));
    }

    /**
     * Buckets in the {@code rate_limit_bucket} table (migration V50), locked per request with
     * {@code SELECT ... FOR UPDATE}: every node using the database shares one budget per subject.
     */
    public static BucketRateLimiter postgres(DataSource dataSource, Clock clock) {
        return new BucketRateLimiter(new PostgresBuckets(dataSource, timeMeter(clock)));
    }

    /** Where buckets live: in this process, or in a database shared by several nodes. */
    interface BucketSource {
        Bucket bucket(String key, BucketConfiguration configuration, Duration longestWindow);

        /** Drops buckets nobody has used for longer than their longest window (they would be full anyway). */
        void evictIdle();

        /** Forgets what is cached for a bucket whose stored state has gone (swept as idle), so it is made again. */
        void forget(String key);
    }

    @Override
    public RateLimitDecision tryConsume(String subject, List<RateLimitPolicy> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("At least one policy is needed");
        }
        if (policies.stream().map(RateLimitPolicy::name).distinct().count() < policies.size()) {
            throw new IllegalArgumentException("Policy names must differ, the headers tell policies apart by name");
        }
        String key = key(subject, policies);
        VerboseResult<ConsumptionProbe> result;
        try {
            result = buckets.bucket(key, configuration(policies), longestWindow(policies)).asVerbose()
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (!bucketWasSwept(e)) {
                throw e;
            }
            buckets.forget(key);
            result = buckets.bucket(key, configuration(policies), longestWindow(policies)).asVerbose()
                    .tryConsumeAndReturnRemaining(1);
        }
        ConsumptionProbe probe = result.getValue();
        long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        long nowMillis = result.getOperationTimeNanos() / 1_000_000;

        List<RateLimitDecision.PolicyStatus> statuses = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            RateLimitPolicy policy = policies.get(i);
            statuses.add(new RateLimitDecision.PolicyStatus(policy, Math.max(0, remaining[i]),
                    secondsUntilWindowEnds(policy.window(), nowMillis)));
        }
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
        return new RateLimitDecision(probe.isConsumed(), statuses, retryAfter);
    }

    @Override
    public void giveBack(String subject, List<RateLimitPolicy> policies) {
        // addTokens never fills a bandwidth past its capacity, so giving back cannot raise a limit.
        String key = key(subject, policies);
        try {
            buckets.bucket(key, configuration(policies), longestWindow(policies)).addTokens(1);
        } catch (RuntimeException e) {
            if (!bucketWasSwept(e)) {
                throw e;
            }
            buckets.forget(key); // gone means full again: nothing to give back
        }
    }

    private static boolean bucketWasSwept(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.github.bucket4j.distributed.proxy.BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes idle buckets; the housekeeping job calls this now and then. */
    public void evictIdle() {
        buckets.evictIdle();
    }

    static long secondsUntilWindowEnds(Duration window, long nowMillis) {
        long windowMillis = window.toMillis();
        long intoWindow = Math.floorMod(nowMillis - WINDOW_ANCHOR.toEpochMilli(), windowMillis);
        return Math.ceilDiv(windowMillis - intoWindow, 1000L);
    }

    private static BucketConfiguration configuration(List<RateLimitPolicy> policies) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (RateLimitPolicy policy : policies) {
            builder.addLimit(limit -> limit.capacity(policy.limit())
                    .refillIntervallyAligned(policy.limit(), policy.window(), WINDOW_ANCHOR)
                    .id(policy.name()));
        }
        return builder.build();
    }

    private static Duration longestWindow(List<RateLimitPolicy> policies) {
        return policies.stream().map(RateLimitPolicy::window).max(Duration::compareTo).orElseThrow();
    }

    /**
     * A bucket per subject and policy set, so changing a plan's limits starts fresh buckets instead of
     * reusing state shaped for other limits. Hashed to a fixed length that fits any id column.
     */
    static String key(String subject, List<RateLimitPolicy> policies) {
        StringBuilder canonical = new StringBuilder(subject);
        for (RateLimitPolicy policy : policies) {
            canonical.append('\n').append(policy.name()).append(';').append(policy.limit())
                    .append(';').append(policy.window().toSeconds());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "rl1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** Bucket4j time from a {@link Clock}: wall-clock based, as windows aligned to the clock require. */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
