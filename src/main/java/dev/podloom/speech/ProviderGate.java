package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * What every provider engine's calls go through: at most {@code maxConcurrent} calls at once, at most
 * {@code requestsPerSecond} call starts per second, and transient failures (429, 5xx, timeouts) retried a few
 * times in the call with exponential backoff that honours the provider's {@code Retry-After}. When the retries
 * are used up, or the provider asks for a longer wait than {@code maxInCallWait}, the failure goes up as a
 * retryable {@link PipelineException} carrying the wait, so the render job is rescheduled instead of failed.
 * Permanent failures (bad key, unknown voice, quota) go up at once.
 */
public final class ProviderGate {

    /**
     * @param maxConcurrent     calls in flight at once
     * @param requestsPerSecond call starts per second; 0 or less means no pacing
     * @param retries           in-call retries of a transient failure
     * @param baseBackoff       first backoff, doubled per retry
     * @param maxInCallWait     the longest wait done inside the call; a longer Retry-After reschedules the job
     */
    public record Settings(int maxConcurrent, double requestsPerSecond, int retries, Duration baseBackoff,
                           Duration maxInCallWait) {
        public Settings {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("max-concurrent must be at least 1, was " + maxConcurrent);
            }
            retries = Math.max(0, retries);
        }
    }

    /** One attempt at a provider call. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws IOException;
    }

    /** Sleeps; tests replace it to observe the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String engine;
    private final Settings settings;
    private final Semaphore slots;
    private final Sleeper sleeper;
    private final Object pacing = new Object();
    private long nextStartNanos;

    public ProviderGate(String engine, Settings settings) {
        this(engine, settings, d -> Thread.sleep(d.toMillis()));
    }

    public ProviderGate(String engine, Settings settings, Sleeper sleeper) {
        this.engine = engine;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrent(), true);
        this.sleeper = sleeper;
    }

    public Settings settings() {
        return settings;
    }

    /** Runs {@code attempt} within the limits, retrying transient failures as described above. */
    public <T> T call(String what, Attempt<T> attempt) {
        int retry = 0;
        while (true) {
            PipelineException failure;
            try {
                acquire();
                try {
                    pace();
                    return attempt.run();
                } finally {
                    slots.release();
                }
            } catch (PipelineException e) {
                failure = e;
            } catch (InterruptedIOException e) {
                failure = new PipelineException(FailureCode.TTS_UNAVAILABLE, engine + " did not answer " + what + " in time", e);
            } catch (IOException e) {
                failure = new PipelineException(FailureCode.TTS_UNAVAILABLE, engine + " could not be reached for " + what, e);
            }
            if (!failure.retryable()) {
                throw failure;
            }
            Duration backoff = settings.baseBackoff().multipliedBy(1L << Math.min(retry, 10));
            Duration wait = failure.retryAfter().filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
            if (retry >= settings.retries() || wait.compareTo(settings.maxInCallWait()) > 0) {
                throw new PipelineException(failure.failure(), failure.getMessage() + " (after " + (retry + 1)
                        + " attempts)", failure.getCause(), failure.retryAfter().orElse(wait));
            }
            retry++;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private void acquire() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(FailureCode.RENDER_FAILED, "Interrupted waiting for " + engine, e);
        }
    }

    private void pace() {
        if (settings.requestsPerSecond() <= 0) {
            return;
        }
        long interval = (long) (1_000_000_000L / settings.requestsPerSecond());
        long waitNanos;
        synchronized (pacing) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStartNanos);
            nextStartNanos = start + interval;
            waitNanos = start - now;
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PipelineException(FailureCode.RENDER_FAILED, "Interrupted waiting for " + engine, e);
            }
        }
    }

    /**
     * The failure an HTTP error answer from a speech provider means. {@code body} is the provider's error text
     * (for logs and to tell quota from rate limits and unknown voices); {@code retryAfter} its header, or null.
     */
    public static PipelineException httpFailure(String engine, int status, String body, String retryAfter, Clock clock) {
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        String detail = engine + " answered HTTP " + status + ": " + abbreviate(body);
        Duration wait = parseRetryAfter(retryAfter, clock);
        boolean quota = text.contains("quota") || text.contains("insufficient") || text.contains("billing")
                || text.contains("credits");
        boolean voice = text.contains("voice");
        if (status == 401 || status == 403) {
            return new PipelineException(quota ? FailureCode.TTS_QUOTA_EXCEEDED : FailureCode.TTS_UNAUTHORIZED, detail);
        }
        if (status == 402 || status == 429 && quota) {
            return new PipelineException(FailureCode.TTS_QUOTA_EXCEEDED, detail);
        }
        if (status == 429) {
            return new PipelineException(FailureCode.TTS_RATE_LIMITED, detail, null, wait);
        }
        if (status == 408 || status >= 500) {
            return new PipelineException(FailureCode.TTS_UNAVAILABLE, detail, null, wait);
        }
        if (voice && (status == 400 || status == 404 || status == 422)) {
            return new PipelineException(FailureCode.TTS_VOICE_NOT_FOUND, detail);
        }
        return new PipelineException(FailureCode.TTS_REJECTED, detail);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(clock), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
