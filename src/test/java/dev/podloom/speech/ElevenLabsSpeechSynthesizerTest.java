package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer;
import dev.podloom.pipeline.DialogueSynthesizer.Line;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.FakeElevenLabsServer;
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

/**
 * The elevenlabs engine against {@link FakeElevenLabsServer} (documented wire format, real speech).
 */
class ElevenLabsSpeechSynthesizerTest {

    static final String KEY = "xi-test-key";
    static final String RACHEL = FakeElevenLabsServer.RACHEL;
    static final String ADAM = FakeElevenLabsServer.ADAM;

    final FakeElevenLabsServer fake = new FakeElevenLabsServer(KEY);
    final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        fake.close();
    }

    ElevenLabsSpeechSynthesizer engine(String key) {
        var limits = new ProviderGate.Settings(4, 0, 2, Duration.ofMillis(100), Duration.ofSeconds(5));
        var config = new ElevenLabsSpeechSynthesizer.Config(fake.baseUrl(), key, "eleven_multilingual_v2",
                "eleven_v3", true, List.of(), "en", Duration.ofSeconds(20), limits);
        return new ElevenLabsSpeechSynthesizer(config, JsonMapper.createDefault(), Clock.systemUTC(),
                new ProviderGate(ElevenLabsSpeechSynthesizer.ENGINE, limits, waits::add));
    }

    Voice voice(ElevenLabsSpeechSynthesizer engine, String id) {
        return engine.voices().stream().filter(v -> v.id().equals("elevenlabs-" + id)).findFirst().orElseThrow();
    }

    @Test
    void voicesComeFromTheVoiceListingWithTheirGendersAndTheKeyInXiApiKey() {
        var engine = engine(KEY);

        assertThat(engine.voices()).extracting(Voice::id, Voice::gender, Voice::language, Voice::sampleRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("elevenlabs-" + RACHEL, "female", "en", 24_000),
                        org.assertj.core.groups.Tuple.tuple("elevenlabs-" + ADAM, "male", "en", 24_000));
        assertThat(fake.calls()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("GET");
            assertThat(c.path()).isEqualTo("/v1/voices");
            assertThat(c.key()).isEqualTo(KEY);
        });
        assertThat(engine.dialogue()).containsSame(engine);
        assertThat(engine.models()).containsExactly("eleven_multilingual_v2", "eleven_v3");
    }

    @Test
    void aTurnIsOneTextToSpeechRequestForPcmAt24kHzWithTheConfiguredModelAndItsCharacterCostIsKept() {
        var engine = engine(KEY);
        String text = "Welcome back to the show. Today we talk about lighthouses.";

        var spoken = engine.speak(text, voice(engine, RACHEL));
        AudioClip clip = spoken.clip();

        FakeElevenLabsServer.Call call = fake.calls().getLast();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/text-to-speech/" + RACHEL);
        assertThat(call.query()).isEqualTo("output_format=pcm_24000");
        assertThat(call.key()).isEqualTo(KEY);
        assertThat(call.body()).containsEntry("text", text).containsEntry("model_id", "eleven_multilingual_v2");
        assertThat(clip.sampleRate()).isEqualTo(24_000);
        assertThat(clip.durationSeconds()).isCloseTo(FakeElevenLabsServer.speech(text).length / 24_000.0, within(0.01));
        assertThat(spoken.characters()).as("the character-cost header").isEqualTo(2L * text.length());
    }

    @Test
    void aDialogueIsOneTextToDialogueRequestWhoseVoiceSegmentsTimeEachLineAndWhoseCharacterCostIsRecorded() {
        var engine = engine(KEY);
        List<Line> lines = List.of(
                new Line("Alex", "Welcome back to the show.", voice(engine, RACHEL)),
                new Line("Sam", "Thanks. Today we talk about lighthouses and the people who kept them.", voice(engine, ADAM)),
                new Line("Alex", "Let us start with the oldest one.", voice(engine, RACHEL)));

        DialogueSynthesizer.SpokenDialogue spoken = engine.synthesizeDialogue(lines);

        FakeElevenLabsServer.Call call = fake.calls().getLast();
        assertThat(call.path()).isEqualTo("/v1/text-to-dialogue/with-timestamps");
        assertThat(call.query()).isEqualTo("output_format=pcm_24000");
        assertThat(call.key()).isEqualTo(KEY);
        assertThat(call.body()).containsEntry("model_id", "eleven_v3").containsEntry("inputs", List.of(
                Map.of("text", "Welcome back to the show.", "voice_id", RACHEL),
                Map.of("text", "Thanks. Today we talk about lighthouses and the people who kept them.", "voice_id", ADAM),
                Map.of("text", "Let us start with the oldest one.", "voice_id", RACHEL)));
        assertThat(spoken.lines()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(spoken.lines().get(i).startSeconds()).isCloseTo(fake.lastSpans().get(i)[0], within(0.001));
            assertThat(spoken.lines().get(i).endSeconds()).isCloseTo(fake.lastSpans().get(i)[1], within(0.001));
        }
        int sent = lines.stream().mapToInt(l -> l.text().length()).sum();
        assertThat(spoken.billedCharacters()).as("the character-cost header").isEqualTo(sent * 2L).isEqualTo(fake.billed());
        List<AudioClip> cut = DialogueAlignment.cut(spoken);
        assertThat(cut).hasSize(3);
        assertThat(cut.stream().mapToInt(c -> c.samples().length).sum()).isEqualTo(spoken.audio().samples().length);
    }

    @Test
    void aLineLongerThanADialogueRequestTakesIsSpokenInPiecesOfAtMost2000CharactersAndTimedAsOneLine() {
        var engine = engine(KEY);
        String sentence = "The keepers trimmed the wicks, wound the clockwork and logged the weather every night. ";
        String text = sentence.repeat(50).strip();

        var spoken = engine.synthesizeDialogue(List.of(new Line("Alex", text, voice(engine, RACHEL))));

        var requests = fake.calls().stream().filter(c -> c.path().equals("/v1/text-to-dialogue/with-timestamps")).toList();
        assertThat(requests).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.body().get("inputs").toString().length())
                .isLessThan(2_100));
        assertThat(spoken.lines()).singleElement().satisfies(t -> {
            assertThat(t.startSeconds()).isCloseTo(0.25, within(0.01));
            assertThat(t.endSeconds()).isCloseTo(spoken.audio().durationSeconds() - 0.1, within(0.01));
        });
        assertThat(spoken.billedCharacters()).isEqualTo(fake.billed());
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndTheDialogueIsAskedForAgain() {
        var engine = engine(KEY);
        Voice rachel = voice(engine, RACHEL);
        fake.failNext(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").addHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many concurrent requests\"}}").build());

        var spoken = engine.synthesizeDialogue(List.of(new Line("Alex", "Hello there, and welcome.", rachel)));

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(fake.calls().stream().filter(c -> c.path().equals("/v1/text-to-dialogue/with-timestamps"))).hasSize(2);
        assertThat(spoken.lines()).hasSize(1);
    }

    @Test
    void anUnknownVoiceAndARefusedKeyFailWithTheirOwnCodes() {
        var engine = engine(KEY);
        Voice ghost = new Voice("elevenlabs-nobody", "elevenlabs", "en", "male", 24_000, "");

        assertThatThrownBy(() -> engine.synthesize("Hello there.", ghost)).isInstanceOfSatisfying(PipelineException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_VOICE_NOT_FOUND));
        var refused = engine("wrong-key");
        assertThatThrownBy(() -> refused.synthesize("Hello there.", ghost)).isInstanceOfSatisfying(PipelineException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED));
    }

    @Test
    void audioThatIsNotBase64IsATypedFailure() {
        var engine = engine(KEY);
        Voice rachel = voice(engine, RACHEL);
        MockResponse garbled = FakeElevenLabsServer.json("{\"audio_base64\":\"@@not base64@@\",\"voice_segments\":[]}", "10");
        fake.failNext(garbled, garbled, garbled);

        assertThatThrownBy(() -> engine.synthesizeDialogue(List.of(new Line("Alex", "Hello there.", rachel))))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_BAD_AUDIO);
                    assertThat(e.retryable()).isTrue();
                });
    }
}
