package dev.podloom.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * @param threads               jobs one node runs at once (each render already uses every core)
 * @param pollingInterval       how often a node looks for due jobs
 * @param heartbeatInterval     how often a running job proves its node is alive
 * @param missedHeartbeatsLimit missed heartbeats after which a job counts as dead and is run again
 * @param maxAttempts           runs a podcast gets (first run, transient-failure retries and revivals) before it
 *                              fails and is refunded
 * @param retryBackoff          the wait before the first retry after a transient failure; doubles each attempt
 * @param nodeName              how this node signs the jobs it runs ({@code scheduled_tasks.picked_by}) and its logs;
 *                              default the host name. Give nodes on one host distinct names.
 */
@ConfigurationProperties("podloom.jobs")
public record JobSettings(@Nullable Integer threads, @Nullable Duration pollingInterval,
                          @Nullable Duration heartbeatInterval, @Nullable Integer missedHeartbeatsLimit,
                          @Nullable Integer maxAttempts, @Nullable Boolean enabled,
                          @Nullable Duration retryBackoff, @Nullable String nodeName) {

    public JobSettings {
        threads = threads == null ? 2 : threads;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(1) : pollingInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        missedHeartbeatsLimit = missedHeartbeatsLimit == null ? 6 : missedHeartbeatsLimit;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        enabled = enabled == null || enabled;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(10) : retryBackoff;
        nodeName = nodeName == null || nodeName.isBlank() ? null : nodeName.strip();
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("podloom.jobs.missed-heartbeats-limit must be at least 4 "
                    + "(db-scheduler's minimum), not " + missedHeartbeatsLimit);
        }
        if (threads < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("podloom.jobs.threads and podloom.jobs.max-attempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}: doubling from {@link #retryBackoff}, at most 10 minutes, never
     * shorter than what the provider asked for. */
    public Duration backoff(int attempt, Duration atLeast) {
        long millis = retryBackoff.toMillis() << Math.min(10, Math.max(0, attempt - 1));
        Duration wait = Duration.ofMillis(Math.min(millis, Duration.ofMinutes(10).toMillis()));
        return wait.compareTo(atLeast) < 0 ? atLeast : wait;
    }
}
