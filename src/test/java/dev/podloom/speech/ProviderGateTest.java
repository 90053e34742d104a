package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderGateTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T06:00:00Z"), ZoneOffset.UTC);
    final List<Duration> waits = new ArrayList<>();

    ProviderGate gate(int retries, Duration maxWait) {
        return new ProviderGate("fake", new ProviderGate.Settings(2, 0, retries, Duration.ofSeconds(1), maxWait), waits::add);
    }

    @Test
    void providerAnswersMapToTheFailureTheyMean() {
        assertThat(ProviderGate.httpFailure("p", 401, "bad key", null, CLOCK).failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED);
        assertThat(ProviderGate.httpFailure("p", 403, "forbidden", null, CLOCK).failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED);
        assertThat(ProviderGate.httpFailure("p", 402, "pay", null, CLOCK).failure()).isEqualTo(FailureCode.TTS_QUOTA_EXCEEDED);
        assertThat(ProviderGate.httpFailure("p", 429, "{\"code\":\"insufficient_quota\"}", null, CLOCK).failure())
                .isEqualTo(FailureCode.TTS_QUOTA_EXCEEDED);
        assertThat(ProviderGate.httpFailure("p", 429, "slow down", "7", CLOCK)).satisfies(e -> {
            assertThat(e.failure()).isEqualTo(FailureCode.TTS_RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
        assertThat(ProviderGate.httpFailure("p", 503, "down", null, CLOCK).failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
        assertThat(ProviderGate.httpFailure("p", 400, "Voice 'x' not found", null, CLOCK).failure())
                .isEqualTo(FailureCode.TTS_VOICE_NOT_FOUND);
        assertThat(ProviderGate.httpFailure("p", 400, "input too long", null, CLOCK).failure()).isEqualTo(FailureCode.TTS_REJECTED);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(ProviderGate.parseRetryAfter("2", CLOCK)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProviderGate.parseRetryAfter("Fri, 04 Dec 2026 06:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderGate.parseRetryAfter("soon", CLOCK)).isNull();
        assertThat(ProviderGate.parseRetryAfter(null, CLOCK)).isNull();
    }

    @Test
    void aTimeoutIsRetriedAndThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = gate(2, Duration.ofSeconds(10)).call("speech", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SocketTimeoutException("read timed out");
            }
            return "audio";
        });

        assertThat(result).isEqualTo("audio");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> gate(3, Duration.ofSeconds(10)).call("speech", () -> {
            attempts.incrementAndGet();
            throw new PipelineException(FailureCode.TTS_UNAUTHORIZED, "no");
        })).isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnreachableProviderIsUnavailableWithTheNextBackoffAsItsWait() {
        assertThatThrownBy(() -> gate(0, Duration.ofSeconds(10)).call("speech", () -> {
            throw new IOException("connection refused");
        })).isInstanceOfSatisfying(PipelineException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        });
    }

    @Test
    void callStartsArePacedToTheRequestRate() {
        var paced = new ProviderGate("fake", new ProviderGate.Settings(1, 4, 0, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                waits::add);

        for (int i = 0; i < 3; i++) {
            paced.call("speech", () -> "ok");
        }

        // The sleeper here does not sleep: the k-th start is scheduled k × 250 ms after the first.
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(150), Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
    }
}
