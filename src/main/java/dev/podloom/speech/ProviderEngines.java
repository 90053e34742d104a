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

    /** {@code PODLOOM_SPEECH_GEMINI_*}: Gemini speech generation, one turn or two hosts a call. */
    @Singleton
    @Requires(property = "podloom.speech.gemini.api-key")
    GeminiSpeechSynthesizer gemini(@Value("${podloom.speech.gemini.api-key}") String apiKey,
                                   @Value("${podloom.speech.gemini.base-url:" + GeminiSpeechSynthesizer.DEFAULT_BASE_URL + "}") String baseUrl,
                                   @Value("${podloom.speech.gemini.model:}") String model,
                                   @Value("${podloom.speech.gemini.voices:}") String voices,
                                   @Value("${podloom.speech.gemini.language:en}") String language,
                                   @Value("${podloom.speech.gemini.max-characters:2400}") int maxCharacters,
                                   @Value("${podloom.speech.gemini.timeout-seconds:180}") int timeoutSeconds,
                                   @Value("${podloom.speech.gemini.max-concurrent:4}") int maxConcurrent,
                                   @Value("${podloom.speech.gemini.requests-per-second:2}") double requestsPerSecond,
                                   @Value("${podloom.speech.gemini.retries:3}") int retries,
                                   @Value("${podloom.speech.gemini.max-in-call-wait-seconds:10}") int maxWaitSeconds,
                                   JsonMapper json, Clock clock) {
        return new GeminiSpeechSynthesizer(new GeminiSpeechSynthesizer.Config(baseUrl, apiKey, model, list(voices),
                language, maxCharacters, Duration.ofSeconds(timeoutSeconds),
                limits(maxConcurrent, requestsPerSecond, retries, maxWaitSeconds)), json, clock);
    }

    /** {@code PODLOOM_SPEECH_ELEVENLABS_*}: ElevenLabs per turn, or whole runs through text-to-dialogue. */
    @Singleton
    @Requires(property = "podloom.speech.elevenlabs.api-key")
    ElevenLabsSpeechSynthesizer elevenLabs(@Value("${podloom.speech.elevenlabs.api-key}") String apiKey,
                                           @Value("${podloom.speech.elevenlabs.base-url:" + ElevenLabsSpeechSynthesizer.DEFAULT_BASE_URL + "}") String baseUrl,
                                           @Value("${podloom.speech.elevenlabs.model:}") String model,
                                           @Value("${podloom.speech.elevenlabs.dialogue-model:" + ElevenLabsSpeechSynthesizer.DEFAULT_DIALOGUE_MODEL + "}") String dialogueModel,
                                           @Value("${podloom.speech.elevenlabs.dialogue:true}") boolean dialogue,
                                           @Value("${podloom.speech.elevenlabs.voices:}") String voices,
                                           @Value("${podloom.speech.elevenlabs.language:en}") String language,
                                           @Value("${podloom.speech.elevenlabs.timeout-seconds:180}") int timeoutSeconds,
                                           @Value("${podloom.speech.elevenlabs.max-concurrent:4}") int maxConcurrent,
                                           @Value("${podloom.speech.elevenlabs.requests-per-second:5}") double requestsPerSecond,
                                           @Value("${podloom.speech.elevenlabs.retries:3}") int retries,
                                           @Value("${podloom.speech.elevenlabs.max-in-call-wait-seconds:10}") int maxWaitSeconds,
                                           JsonMapper json, Clock clock) {
        return new ElevenLabsSpeechSynthesizer(new ElevenLabsSpeechSynthesizer.Config(baseUrl, apiKey, model, dialogueModel,
                dialogue, list(voices), language, Duration.ofSeconds(timeoutSeconds),
                limits(maxConcurrent, requestsPerSecond, retries, maxWaitSeconds)), json, clock);
    }

    private static ProviderGate.Settings limits(int maxConcurrent, double requestsPerSecond, int retries, int maxWaitSeconds) {
        return new ProviderGate.Settings(maxConcurrent, requestsPerSecond, retries, Duration.ofMillis(500),
                Duration.ofSeconds(maxWaitSeconds));
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
