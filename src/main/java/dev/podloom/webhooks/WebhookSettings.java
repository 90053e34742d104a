package dev.podloom.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code podloom.webhooks.*}.
 *
 * @param retryDelays the wait before each retry; a delivery gets one attempt more than there are delays
 *                    (default 5 s, 25 s, 2 min, 10 min, 1 h, 3 h, 6 h: 8 attempts over about 10 hours)
 * @param timeout     how long one attempt may take, connection included
 */
@ConfigurationProperties("podloom.webhooks")
public record WebhookSettings(@Nullable List<Duration> retryDelays, @Nullable Duration timeout) {

    public WebhookSettings {
        retryDelays = retryDelays == null || retryDelays.isEmpty()
                ? List.of(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6))
                : List.copyOf(retryDelays);
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
    }

    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based), or empty when it was the last. */
    public Optional<Duration> delayAfter(int attempt) {
        return attempt >= 1 && attempt <= retryDelays.size() ? Optional.of(retryDelays.get(attempt - 1))
                : Optional.empty();
    }
}
