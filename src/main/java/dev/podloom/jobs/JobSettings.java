package dev.podloom.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * @param threads               jobs one node runs at once (each render already uses every core)
 * @param pollingInterval       how often a node looks for due jobs
 * @param heartbeatInterval     how often a running job proves its node is alive
 * @param missedHeartbeatsLimit missed heartbeats after which a job counts as dead and is run again
 * @param maxAttempts           runs a podcast gets (first run plus revivals) before it fails and is refunded
 */
@ConfigurationProperties("podloom.jobs")
public record JobSettings(@Nullable Integer threads, @Nullable Duration pollingInterval,
                          @Nullable Duration heartbeatInterval, @Nullable Integer missedHeartbeatsLimit,
                          @Nullable Integer maxAttempts, @Nullable Boolean enabled) {

    public JobSettings {
        threads = threads == null ? 2 : threads;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(1) : pollingInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        missedHeartbeatsLimit = missedHeartbeatsLimit == null ? 6 : missedHeartbeatsLimit;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        enabled = enabled == null || enabled;
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("podloom.jobs.missed-heartbeats-limit must be at least 4 "
                    + "(db-scheduler's minimum), not " + missedHeartbeatsLimit);
        }
        if (threads < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("podloom.jobs.threads and podloom.jobs.max-attempts must be at least 1");
        }
    }
}
