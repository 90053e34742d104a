package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.FakeSpeechServer;
import io.micronaut.json.JsonMapper;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The openai engine against a fake OpenAI-compatible server that answers real speech. */
class OpenAiSpeechSynthesizerTest {

    final FakeSpeechServer fake = new FakeSpeechServer();
    final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        fake.close();
    }

    OpenAiSpeechSynthesizer engine(String apiKey, List<String> configuredVoices, String instructions, Duration timeout) {
        var limits = new ProviderGate.Settings(4, 0, 2, Duration.ofMillis(100), Duration.ofSeconds(5));
        var config = new OpenAiSpeechSynthesizer.Config(fake.baseUrl(), apiKey, "kokoro", configuredVoices,
                instructions, "en", timeout, limits);
        return new OpenAiSpeechSynthesizer(config, JsonMapper.createDefault(), Clock.systemUTC(),
                new ProviderGate(OpenAiSpeechSynthesizer.ENGINE, limits, waits::add));
    }

    OpenAiSpeechSynthesizer engine() {
        return engine("sk-test", List.of(), null, Duration.ofSeconds(30));
    }

    Voice bella(OpenAiSpeechSynthesizer engine) {
        return engine.voices().stream().filter(v -> v.id().equals("openai-af_bella")).findFirst().orElseThrow();
    }

    @Test
    void voicesComeFromTheServersListingWithLanguageAndGenderFromKokoroNames() {
        List<Voice> voices = engine().voices();

        assertThat(voices).extracting(Voice::id).containsExactly("openai-af_bella", "openai-am_adam");
        assertThat(voices.getFirst()).satisfies(v -> {
            assertThat(v.engine()).isEqualTo("openai");
            assertThat(v.language()).isEqualTo("en");
            assertThat(v.gender()).isEqualTo("female");
        });
        assertThat(voices.get(1).gender()).isEqualTo("male");
    }

    @Test
    void withoutAVoiceListingTheConfiguredVoicesAreOffered() {
        fake.voices(List.of("alloy", "nova"), false);

        List<Voice> voices = engine("k", List.of("alloy:en:neutral", "nova:es:female"), null, Duration.ofSeconds(30)).voices();

        assertThat(voices).extracting(Voice::id, Voice::language, Voice::gender)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("openai-alloy", "en", "neutral"),
                        org.assertj.core.groups.Tuple.tuple("openai-nova", "es", "female"));
    }

    @Test
    void aTurnIsSentAsDocumentedAndComesBackAsRealSpeech() {
        var engine = engine("sk-test", List.of(), "Speak warmly.", Duration.ofSeconds(30));
        String text = "Welcome back to the show. Today we talk about bicycles and the people who repair them.";

        AudioClip clip = engine.synthesize(text, bella(engine));

        SpeechAssertions.assertSpeech(clip, text.split("\\s+").length);
        var call = fake.calls().getFirst();
        assertThat(call.body()).containsExactlyInAnyOrderEntriesOf(Map.of("model", "kokoro", "input", text,
                "voice", "af_bella", "response_format", "wav", "instructions", "Speak warmly."));
        assertThat(call.authorization()).isEqualTo("Bearer sk-test");
    }

    @Test
    void aLongTurnIsSplitAtSentenceEndsIntoRequestsOfAtMost4096Characters() {
        var engine = engine();
        String sentence = "The committee met again on Tuesday to argue about the budget for the new library wing. ";
        String text = sentence.repeat(110).strip();

        AudioClip clip = engine.synthesize(text, bella(engine));

        assertThat(fake.calls()).hasSizeGreaterThan(2)
                .allSatisfy(c -> assertThat(c.input().length()).isLessThanOrEqualTo(4096))
                .allSatisfy(c -> assertThat(c.input()).endsWith("wing."));
        assertThat(String.join(" ", fake.calls().stream().map(FakeSpeechServer.SpeechCall::input).toList())).isEqualTo(text);
        SpeechAssertions.assertSpeech(clip, text.split("\\s+").length);
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndRetriedInTheCall() {
        var engine = engine();
        Voice voice = bella(engine);
        fake.failNext(0, new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}").build());

        AudioClip clip = engine.synthesize("A short line about rate limits.", voice);

        assertThat(clip.durationSeconds()).isPositive();
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void a500IsRetriedWithBackoffAndPersistentFailureIsRetryableWithTheWait() {
        var engine = engine();
        Voice voice = bella(engine);
        fake.failNext(0, FakeSpeechServer.error(500, "server_error", "boom"), FakeSpeechServer.error(500, "server_error", "boom"),
                FakeSpeechServer.error(500, "server_error", "boom"));

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanTheInCallWaitReschedulesTheJobWithThatWait() {
        var engine = engine();
        Voice voice = bella(engine);
        fake.failNext(0, new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("slow down").build());

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnavailableAndRetryable() {
        var engine = engine("k", List.of(), null, Duration.ofMillis(500));
        Voice voice = bella(engine);
        MockResponse hang = new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("late").build();
        fake.failNext(0, hang, hang, hang);

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aBadKeyIsUnauthorizedAndNotRetried() {
        fake.requireKey("sk-right");
        var engine = engine("sk-wrong", List.of("af_bella"), null, Duration.ofSeconds(30));
        Voice voice = engine.voices().getFirst();

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void anUnknownVoiceIsVoiceNotFound() {
        var engine = engine();
        Voice missing = new Voice("openai-zz_nobody", "openai", "en", "male", 24_000, "gone");

        assertThatThrownBy(() -> engine.synthesize("Hello there.", missing))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_VOICE_NOT_FOUND));
    }

    @Test
    void anExhaustedQuotaIsQuotaExceededNotARateLimit() {
        var engine = engine();
        Voice voice = bella(engine);
        fake.failNext(0, FakeSpeechServer.error(429, "insufficient_quota", "You exceeded your current quota"));

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_QUOTA_EXCEEDED);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void silentAudioIsRejectedAsBadAudio() {
        fake.silent(true);
        var engine = engine();
        Voice voice = bella(engine);

        assertThatThrownBy(() -> engine.synthesize("Hello there, this should be speech.", voice))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_BAD_AUDIO));
    }

    @Test
    void noMoreCallsThanTheConcurrencyLimitAreInFlightAtOnce() throws Exception {
        fake.latency(Duration.ofMillis(150));
        var limits = new ProviderGate.Settings(2, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(5));
        var engine = new OpenAiSpeechSynthesizer(new OpenAiSpeechSynthesizer.Config(fake.baseUrl(), "", "kokoro",
                List.of(), null, "en", Duration.ofSeconds(30), limits), JsonMapper.createDefault(), Clock.systemUTC());
        Voice voice = bella(engine);

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> engine.synthesize("Line number " + i + ".", voice)))
                    .toList().forEach(f -> {
                        try {
                            f.get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
        }

        assertThat(fake.calls()).hasSize(8);
        assertThat(fake.maxInFlight()).isEqualTo(2);
        assertThat(fake.calls()).allSatisfy(c -> assertThat(c.authorization()).isNull());
    }

    @Test
    void aMissingModelIsAConfigurationErrorNamingTheVariable() {
        var limits = new ProviderGate.Settings(1, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertThatThrownBy(() -> new OpenAiSpeechSynthesizer(new OpenAiSpeechSynthesizer.Config(fake.baseUrl(), "",
                " ", List.of(), null, "en", Duration.ofSeconds(30), limits), JsonMapper.createDefault(), Clock.systemUTC()))
                .hasMessageContaining("PODLOOM_SPEECH_OPENAI_MODEL");
    }
}
