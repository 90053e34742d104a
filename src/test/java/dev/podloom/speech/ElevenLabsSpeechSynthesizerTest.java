package dev.podloom.speech;

import dev.podloom.audio.Resampler;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer;
import dev.podloom.pipeline.DialogueSynthesizer.Line;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The elevenlabs engine against a fake ElevenLabs API following its documented wire format: {@code GET
 * /v1/voices}, {@code POST /v1/text-to-speech/{voice_id}?output_format=pcm_24000} answered with raw 16-bit PCM,
 * and {@code POST /v1/text-to-dialogue/with-timestamps} answered with {@code audio_base64} and
 * {@code voice_segments}; real speech (FreeTTS, resampled to 24 kHz) and a {@code character-cost} header.
 */
class ElevenLabsSpeechSynthesizerTest {

    static final String KEY = "xi-test-key";
    static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
    static final String ADAM = "pNInz6obpgDQGcFmaJgB";

    record Call(String method, String path, String query, String key, Map<String, Object> body) {
    }

    final FreeTtsSynthesizer tts = new FreeTtsSynthesizer();
    final JsonMapper json = JsonMapper.createDefault();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Deque<MockResponse> scripted = new ArrayDeque<>();
    final List<Duration> waits = new ArrayList<>();
    /** Where the fake put each input line of its last dialogue, in seconds. */
    final List<double[]> spans = new CopyOnWriteArrayList<>();
    final MockWebServer server = start();

    @AfterEach
    void stop() {
        server.close();
    }

    MockWebServer start() {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer(request);
                } catch (IOException e) {
                    return new MockResponse.Builder().code(500).body("{\"detail\":\"" + e + "\"}").build();
                }
            }
        });
        try {
            s.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    MockResponse answer(RecordedRequest request) throws IOException {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, Object> parsed = body.isEmpty() ? Map.of() : json.readValue(body, Argument.mapOf(String.class, Object.class));
        calls.add(new Call(request.getMethod(), path, request.getUrl().query(), request.getHeaders().get("xi-api-key"), parsed));
        if (!KEY.equals(request.getHeaders().get("xi-api-key"))) {
            return error(401, "invalid_api_key", "Invalid API key");
        }
        synchronized (scripted) {
            if (!scripted.isEmpty() && request.getMethod().equals("POST")) {
                return scripted.poll();
            }
        }
        if (path.equals("/v1/voices")) {
            return jsonAnswer("{\"voices\":[{\"voice_id\":\"" + RACHEL + "\",\"name\":\"Rachel\",\"category\":\"premade\","
                    + "\"labels\":{\"accent\":\"american\",\"gender\":\"female\",\"age\":\"young\"}},"
                    + "{\"voice_id\":\"" + ADAM + "\",\"name\":\"Adam\",\"category\":\"premade\","
                    + "\"labels\":{\"accent\":\"american\",\"gender\":\"male\"}}]}", null);
        }
        if (path.startsWith("/v1/text-to-speech/")) {
            String voice = path.substring("/v1/text-to-speech/".length());
            if (!List.of(RACHEL, ADAM).contains(voice)) {
                return error(404, "voice_not_found", "A voice with the voice_id " + voice + " was not found.");
            }
            String text = (String) parsed.get("text");
            byte[] pcm = pcm(speech(text));
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                    .addHeader("character-cost", String.valueOf(text.length())).body(new Buffer().write(pcm)).build();
        }
        if (path.equals("/v1/text-to-dialogue/with-timestamps")) {
            List<Object> inputs = (List<Object>) parsed.get("inputs");
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            StringBuilder segments = new StringBuilder();
            spans.clear();
            double at = 0.25;
            audio.writeBytes(pcm(new float[6_000]));
            int characters = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Map<String, Object> input = (Map<String, Object>) inputs.get(i);
                String text = (String) input.get("text");
                float[] speech = speech(text);
                audio.writeBytes(pcm(speech));
                double end = at + speech.length / 24_000.0;
                spans.add(new double[] {at, end});
                segments.append(i == 0 ? "" : ",").append("{\"voice_id\":\"").append(input.get("voice_id"))
                        .append("\",\"start_time_seconds\":").append(at).append(",\"end_time_seconds\":").append(end)
                        .append(",\"character_start_index\":").append(characters).append(",\"character_end_index\":")
                        .append(characters + text.length()).append(",\"dialogue_input_index\":").append(i).append('}');
                characters += text.length();
                // Pauses between lines are deliberately short: the timing must come from the segments.
                audio.writeBytes(pcm(new float[2_400]));
                at = end + 0.1;
            }
            return jsonAnswer("{\"audio_base64\":\"" + Base64.getEncoder().encodeToString(audio.toByteArray())
                    + "\",\"alignment\":null,\"normalized_alignment\":null,\"voice_segments\":[" + segments + "]}",
                    String.valueOf(characters * 2));
        }
        return error(404, "not_found", "Not Found");
    }

    float[] speech(String text) {
        AudioClip clip = tts.synthesize(text, tts.voices().getFirst());
        return Resampler.resample(clip.samples(), clip.sampleRate(), 24_000);
    }

    static byte[] pcm(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            short s = (short) Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    static MockResponse jsonAnswer(String body, String characterCost) {
        var b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
        if (characterCost != null) {
            b.addHeader("character-cost", characterCost);
        }
        return b.build();
    }

    /** ElevenLabs' error body: {@code {"detail":{"status","message"}}}. */
    static MockResponse error(int code, String status, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}}").build();
    }

    ElevenLabsSpeechSynthesizer engine(String key) {
        var limits = new ProviderGate.Settings(4, 0, 2, Duration.ofMillis(100), Duration.ofSeconds(5));
        var config = new ElevenLabsSpeechSynthesizer.Config(server.url("/").toString(), key, "eleven_multilingual_v2",
                "eleven_v3", true, List.of(), "en", Duration.ofSeconds(20), limits);
        return new ElevenLabsSpeechSynthesizer(config, json, Clock.systemUTC(),
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
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("GET");
            assertThat(c.path()).isEqualTo("/v1/voices");
            assertThat(c.key()).isEqualTo(KEY);
        });
        assertThat(engine.dialogue()).containsSame(engine);
        assertThat(engine.models()).containsExactly("eleven_multilingual_v2", "eleven_v3");
    }

    @Test
    void aTurnIsOneTextToSpeechRequestForPcmAt24kHzWithTheConfiguredModel() {
        var engine = engine(KEY);
        String text = "Welcome back to the show. Today we talk about lighthouses.";

        AudioClip clip = engine.synthesize(text, voice(engine, RACHEL));

        Call call = calls.getLast();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/text-to-speech/" + RACHEL);
        assertThat(call.query()).isEqualTo("output_format=pcm_24000");
        assertThat(call.key()).isEqualTo(KEY);
        assertThat(call.body()).containsEntry("text", text).containsEntry("model_id", "eleven_multilingual_v2");
        assertThat(clip.sampleRate()).isEqualTo(24_000);
        assertThat(clip.durationSeconds()).isCloseTo(speech(text).length / 24_000.0, within(0.01));
    }

    @Test
    void aDialogueIsOneTextToDialogueRequestWhoseVoiceSegmentsTimeEachLineAndWhoseCharacterCostIsRecorded() {
        var engine = engine(KEY);
        List<Line> lines = List.of(
                new Line("Alex", "Welcome back to the show.", voice(engine, RACHEL)),
                new Line("Sam", "Thanks. Today we talk about lighthouses and the people who kept them.", voice(engine, ADAM)),
                new Line("Alex", "Let us start with the oldest one.", voice(engine, RACHEL)));

        DialogueSynthesizer.SpokenDialogue spoken = engine.synthesizeDialogue(lines);

        Call call = calls.getLast();
        assertThat(call.path()).isEqualTo("/v1/text-to-dialogue/with-timestamps");
        assertThat(call.query()).isEqualTo("output_format=pcm_24000");
        assertThat(call.key()).isEqualTo(KEY);
        assertThat(call.body()).containsEntry("model_id", "eleven_v3").containsEntry("inputs", List.of(
                Map.of("text", "Welcome back to the show.", "voice_id", RACHEL),
                Map.of("text", "Thanks. Today we talk about lighthouses and the people who kept them.", "voice_id", ADAM),
                Map.of("text", "Let us start with the oldest one.", "voice_id", RACHEL)));
        assertThat(spoken.lines()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(spoken.lines().get(i).startSeconds()).isCloseTo(spans.get(i)[0], within(0.001));
            assertThat(spoken.lines().get(i).endSeconds()).isCloseTo(spans.get(i)[1], within(0.001));
        }
        int sent = lines.stream().mapToInt(l -> l.text().length()).sum();
        assertThat(spoken.billedCharacters()).as("the character-cost header").isEqualTo(sent * 2L);
        List<AudioClip> cut = DialogueAlignment.cut(spoken);
        assertThat(cut).hasSize(3);
        assertThat(cut.stream().mapToInt(c -> c.samples().length).sum()).isEqualTo(spoken.audio().samples().length);
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndTheDialogueIsAskedForAgain() {
        var engine = engine(KEY);
        Voice rachel = voice(engine, RACHEL);
        scripted.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").addHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many concurrent requests\"}}").build());

        var spoken = engine.synthesizeDialogue(List.of(new Line("Alex", "Hello there, and welcome.", rachel)));

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(calls.stream().filter(c -> c.path().equals("/v1/text-to-dialogue/with-timestamps"))).hasSize(2);
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
        for (int i = 0; i < 3; i++) {
            scripted.add(jsonAnswer("{\"audio_base64\":\"@@not base64@@\",\"voice_segments\":[]}", "10"));
        }

        assertThatThrownBy(() -> engine.synthesizeDialogue(List.of(new Line("Alex", "Hello there.", rachel))))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_BAD_AUDIO);
                    assertThat(e.retryable()).isTrue();
                });
    }
}
