package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer.Line;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.FakeGeminiServer;
import io.micronaut.json.JsonMapper;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The gemini engine against a fake Gemini API that answers real speech as base64 PCM. */
class GeminiSpeechSynthesizerTest {

    static final String KEY = "AIza-unit";

    final FakeGeminiServer fake = new FakeGeminiServer(KEY);
    final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        fake.close();
    }

    GeminiSpeechSynthesizer engine(String key, int retries) {
        var limits = new ProviderGate.Settings(4, 0, retries, Duration.ofMillis(100), Duration.ofSeconds(30));
        var config = new GeminiSpeechSynthesizer.Config(fake.baseUrl(), key, "gemini-tts-model", List.of(), "en", 2400,
                Duration.ofSeconds(20), limits);
        return new GeminiSpeechSynthesizer(config, JsonMapper.createDefault(), Clock.systemUTC(),
                new ProviderGate(GeminiSpeechSynthesizer.ENGINE, limits, waits::add));
    }

    static Voice voice(GeminiSpeechSynthesizer engine, String name) {
        return engine.voices().stream().filter(v -> v.id().equals("gemini-" + name)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultVoicesArePrebuiltVoicesWithGendersAndTheModelIsATtsModel() {
        var engine = engine(KEY, 0);

        assertThat(engine.voices()).extracting(Voice::id).startsWith("gemini-Kore", "gemini-Puck");
        assertThat(voice(engine, "Kore").gender()).isEqualTo("female");
        assertThat(voice(engine, "Puck").gender()).isEqualTo("male");
        assertThat(engine.models()).containsExactly("gemini-tts-model");
        assertThat(engine.dialogue()).containsSame(engine);
        assertThatThrownBy(() -> new GeminiSpeechSynthesizer(new GeminiSpeechSynthesizer.Config(null, KEY, " ", List.of(),
                "en", 2400, Duration.ofSeconds(5), new ProviderGate.Settings(1, 0, 0, Duration.ZERO, Duration.ZERO)),
                JsonMapper.createDefault(), Clock.systemUTC())).hasMessageContaining("PODLOOM_SPEECH_GEMINI_MODEL");
    }

    @Test
    void oneTurnIsAOneSpeakerCallWithAPrebuiltVoiceAnswered24kHzPcm() {
        var engine = engine(KEY, 0);

        AudioClip clip = engine.synthesize("Welcome back to the show.", voice(engine, "Kore"));

        FakeGeminiServer.Call call = fake.calls().getLast();
        assertThat(call.path()).isEqualTo("/v1beta/models/gemini-tts-model:generateContent");
        assertThat(call.apiKey()).isEqualTo(KEY);
        assertThat(call.responseModalities()).containsExactly("AUDIO");
        assertThat(call.speechConfig()).isEqualTo(Map.of("voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", "Kore"))));
        assertThat(call.lines()).containsExactly("Welcome back to the show.");
        assertThat(clip.sampleRate()).isEqualTo(24_000);
        assertThat(clip.durationSeconds()).isGreaterThan(1);
    }

    @Test
    void aDialogueOfTwoHostsIsOneMultiSpeakerCallAndItsLinesAreFoundOnThePauses() {
        var engine = engine(KEY, 0);
        List<Line> lines = List.of(
                new Line("Alex", "Welcome back to the show. Today we look at lighthouses.", voice(engine, "Kore")),
                new Line("Sam", "Thanks, Alex. I have wanted to talk about this for a long time.", voice(engine, "Puck")),
                new Line("Alex", "So where do we start?", voice(engine, "Kore")),
                new Line("Sam", "With the oldest one still standing, on a rock far out at sea. It was built in stone.", voice(engine, "Puck")));

        var spoken = engine.synthesizeDialogue(lines);

        FakeGeminiServer.Call call = fake.calls().getLast();
        assertThat(call.speechConfig()).isEqualTo(Map.of("multiSpeakerVoiceConfig", Map.of("speakerVoiceConfigs", List.of(
                Map.of("speaker", "Alex", "voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", "Kore"))),
                Map.of("speaker", "Sam", "voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", "Puck")))))));
        assertThat(call.lines()).containsExactlyElementsOf(lines.stream().map(Line::text).toList());
        assertThat(spoken.lines()).hasSize(4);
        List<AudioClip> cut = DialogueAlignment.cut(spoken);
        for (int i = 0; i < 4; i++) {
            double seconds = dev.podloom.audio.TurnAudio.of(cut.get(i)).durationSeconds();
            assertThat(seconds).as("line " + i).isCloseTo(fake.lineSeconds(lines.get(i).text()), within(0.2));
        }
        assertThat(spoken.billedCharacters()).isEqualTo(lines.stream().mapToInt(l -> l.text().length()).sum());
    }

    @Test
    void anAnswerOfWholeWavFilesAsNewerModelsGiveIsReadToo() {
        var engine = engine(KEY, 0);
        AudioClip speech = new FreeTtsSynthesizer().synthesize("Hello there, and welcome.", new FreeTtsSynthesizer().voices().getFirst());
        String wav = java.util.Base64.getEncoder().encodeToString(dev.podloom.testsupport.FakeSpeechServer.wav(speech, false));
        fake.failNext(0, new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/wav\",\"data\":\""
                        + wav + "\"}}]},\"finishReason\":\"STOP\"}]}").build());

        AudioClip clip = engine.synthesize("Hello there, and welcome.", voice(engine, "Kore"));

        assertThat(clip.sampleRate()).isEqualTo(speech.sampleRate());
        assertThat(clip.samples()).hasSameSizeAs(speech.samples());
    }

    @Test
    void moreThanTwoSpeakersInOneCallAreRefusedBeforeAnythingIsSent() {
        var engine = engine(KEY, 0);
        Voice kore = voice(engine, "Kore");

        assertThatThrownBy(() -> engine.synthesizeDialogue(List.of(new Line("A", "One.", kore), new Line("B", "Two.", kore),
                new Line("C", "Three.", kore)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void anAnswerWithoutAudioIsATypedRetryableFailure() {
        var engine = engine(KEY, 1);
        MockResponse textOnly = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"I can only speak.\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}]}").build();
        MockResponse notBase64 = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/L16;codec=pcm;rate=24000\","
                        + "\"data\":\"@@@\"}}]},\"finishReason\":\"STOP\"}]}").build();
        fake.failNext(0, textOnly, notBase64);

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice(engine, "Kore")))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_BAD_AUDIO);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(fake.scriptedLeft()).isZero();
    }

    @Test
    void aKeyGeminiDoesNotAcceptFailsWithTtsUnauthorizedAtOnce() {
        var engine = engine("AIza-wrong", 3);

        assertThatThrownBy(() -> engine.synthesize("Hello there.", voice(engine, "Kore")))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED));
        assertThat(waits).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutForTheRetryDelayGeminiGivesEvenWhenItsMessageTalksOfQuota() {
        var engine = engine(KEY, 2);
        fake.failNext(0, new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please retry.\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                        + "\"retryDelay\":\"3s\"}]}}").build());

        AudioClip clip = engine.synthesize("Hello there.", voice(engine, "Kore"));

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(clip.samples()).isNotEmpty();
    }
}
