package dev.podloom.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Calls to outside providers (cloud speech, language models, …), all under one name:
 * {@code podloom.provider.calls{provider, operation, outcome}} — a timer, so Prometheus shows
 * {@code podloom_provider_calls_seconds_count} (calls), {@code _sum} (time) and {@code _max}.
 * <p>Tags: {@code provider} is the engine's lower-case id as users choose it ({@code openai},
 * {@code elevenlabs}, {@code polly}, {@code gemini}, {@code ollama}); {@code operation} is what was
 * asked ({@code speech}, {@code script}, {@code voices}); {@code outcome} is {@code ok}, or the
 * failure's {@code FailureCode} name for errors (e.g. {@code PROVIDER_RATE_LIMITED}), or {@code error}
 * when there is none. Keep the tag values few: never put ids, URLs or messages in them.
 * <pre>{@code
 * byte[] audio = providerCalls.call("openai", "speech", () -> client.speak(request));
 * }</pre>
 */
@Singleton
public class ProviderCalls {

    public static final String METER = "podloom.provider.calls";

    private final MeterRegistry registry;

    public ProviderCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs the call, timing it and counting its outcome; its exception (if any) passes through unchanged. */
    public <T> T call(String provider, String operation, Callable<T> call) throws Exception {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.call();
            outcome = "ok";
            return result;
        } catch (Exception e) {
            outcome = outcomeOf(e);
            throw e;
        } finally {
            record(provider, operation, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** For code that times calls itself (streaming, callbacks). */
    public void record(String provider, String operation, String outcome, Duration took) {
        Timer.builder(METER).description("Calls to outside providers, by provider, operation and outcome")
                .tag("provider", provider).tag("operation", operation).tag("outcome", outcome)
                .register(registry).record(took);
    }

    private static String outcomeOf(Exception e) {
        if (e instanceof dev.podloom.pipeline.PipelineException p) {
            return p.failure().name();
        }
        return "error";
    }
}
