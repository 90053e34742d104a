package dev.podloom.speech;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The provider engines, each a bean only when its variables are set. */
@Factory
final class ProviderEngines {

    /** {@code PODLOOM_SPEECH_OPENAI_*}: an OpenAI-compatible speech server. */
    @Singleton
    @Requires(property = "podloom.speech.openai.base-url")
    OpenAiSpeechSynthesizer openAi(@Value("${podloom.speech.openai.base-url}") String baseUrl,
                                   @Value("${podloom.speech.openai.api-key:}") String apiKey,
                                   @Value("${podloom.speech.openai.model:}") String model,
                                   @Value("${podloom.speech.openai.voices:}") String voices,
                                   @Value("${podloom.speech.openai.instructions:}") String instructions,
                                   @Value("${podloom.speech.openai.language:en}") String language,
                                   @Value("${podloom.speech.openai.timeout-seconds:120}") int timeoutSeconds,
                                   @Value("${podloom.speech.openai.max-concurrent:4}") int maxConcurrent,
                                   @Value("${podloom.speech.openai.requests-per-second:10}") double requestsPerSecond,
                                   @Value("${podloom.speech.openai.retries:3}") int retries,
                                   @Value("${podloom.speech.openai.max-in-call-wait-seconds:10}") int maxWaitSeconds,
                                   JsonMapper json, Clock clock) {
        var limits = new ProviderGate.Settings(maxConcurrent, requestsPerSecond, retries, Duration.ofMillis(500),
                Duration.ofSeconds(maxWaitSeconds));
        return new OpenAiSpeechSynthesizer(new OpenAiSpeechSynthesizer.Config(baseUrl, apiKey, model, list(voices),
                instructions, language, Duration.ofSeconds(timeoutSeconds), limits), json, clock);
    }

    /**
     * {@code PODLOOM_SPEECH_POLLY_*}: Amazon Polly, offered only with {@code PODLOOM_SPEECH_POLLY_ENABLED=true} (AWS
     * credentials found on a host for other services must not start billing speech by themselves).
     */
    @Singleton
    @Requires(property = "podloom.speech.polly.enabled", value = "true")
    PollySpeechSynthesizer polly(@Value("${podloom.speech.polly.engine:neural}") String engine,
                                 @Value("${podloom.speech.polly.region:}") String region,
                                 @Value("${podloom.speech.polly.endpoint:}") String endpoint,
                                 @Value("${podloom.speech.polly.voices:}") String voices,
                                 @Value("${podloom.speech.polly.timeout-seconds:60}") int timeoutSeconds,
                                 @Value("${podloom.speech.polly.max-concurrent:4}") int maxConcurrent,
                                 @Value("${podloom.speech.polly.requests-per-second:8}") double requestsPerSecond,
                                 @Value("${podloom.speech.polly.retries:3}") int retries,
                                 @Value("${podloom.speech.polly.max-in-call-wait-seconds:10}") int maxWaitSeconds,
                                 Clock clock) {
        var limits = new ProviderGate.Settings(maxConcurrent, requestsPerSecond, retries, Duration.ofMillis(500),
                Duration.ofSeconds(maxWaitSeconds));
        return new PollySpeechSynthesizer(new PollySpeechSynthesizer.Config(engine, region, endpoint, list(voices),
                Duration.ofSeconds(timeoutSeconds), limits), clock);
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
