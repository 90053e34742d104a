package dev.podloom.testsupport;

import dev.podloom.audio.Resampler;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.speech.FreeTtsSynthesizer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake ElevenLabs API following its documented wire format: {@code GET /v1/voices}, {@code POST
 * /v1/text-to-speech/{voice_id}?output_format=pcm_24000} answered with raw 16-bit PCM, and {@code POST
 * /v1/text-to-dialogue/with-timestamps} answered with {@code audio_base64} and {@code voice_segments} (lines
 * separated by pauses too short to find them by, so the timing must come from the segments). Real speech (FreeTTS,
 * resampled to 24 kHz); every answer carries a {@code character-cost} header of twice the characters sent, and
 * the total billed is kept. Authentication by {@code xi-api-key}; errors scripted with {@link #failNext}.
 */
public final class FakeElevenLabsServer implements AutoCloseable {

    public static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
    public static final String ADAM = "pNInz6obpgDQGcFmaJgB";

    public record Call(String method, String path, String query, String key, Map<String, Object> body) {
    }

    /** One engine for every fake: loading its voice takes a while. */
    private static final FreeTtsSynthesizer TTS = new FreeTtsSynthesizer();
    private final MockWebServer server = new MockWebServer();
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final List<double[]> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong billed = new AtomicLong();
    private final String apiKey;

    public FakeElevenLabsServer(String apiKey) {
        this.apiKey = apiKey;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer(request);
                } catch (IOException | RuntimeException e) {
                    return error(500, "internal", "fake failed: " + e.getClass().getSimpleName());
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return server.url("/").toString();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Where the last dialogue answer put each input line, {start, end} in seconds. */
    public List<double[]> lastSpans() {
        return List.copyOf(spans);
    }

    /** Characters billed (the {@code character-cost} headers) over all successful speech answers. */
    public long billed() {
        return billed.get();
    }

    /** The next POSTs answer {@code responses} in order. */
    public FakeElevenLabsServer failNext(MockResponse... responses) {
        synchronized (scripted) {
            scripted.addAll(List.of(responses));
        }
        return this;
    }

    public int scriptedLeft() {
        synchronized (scripted) {
            return scripted.size();
        }
    }

    public void reset() {
        calls.clear();
        billed.set(0);
    }

    @SuppressWarnings("unchecked")
    private MockResponse answer(RecordedRequest request) throws IOException {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, Object> parsed = body.isEmpty() ? Map.of() : json.readValue(body, Argument.mapOf(String.class, Object.class));
        calls.add(new Call(request.getMethod(), path, request.getUrl().query(), request.getHeaders().get("xi-api-key"), parsed));
        if (!apiKey.equals(request.getHeaders().get("xi-api-key"))) {
            return error(401, "invalid_api_key", "Invalid API key");
        }
        synchronized (scripted) {
            if (!scripted.isEmpty() && request.getMethod().equals("POST")) {
                return scripted.poll();
            }
        }
        if (path.equals("/v1/voices") && request.getMethod().equals("GET")) {
            return json("{\"voices\":[{\"voice_id\":\"" + RACHEL + "\",\"name\":\"Rachel\",\"category\":\"premade\","
                    + "\"labels\":{\"accent\":\"american\",\"gender\":\"female\",\"age\":\"young\"}},"
                    + "{\"voice_id\":\"" + ADAM + "\",\"name\":\"Adam\",\"category\":\"premade\","
                    + "\"labels\":{\"accent\":\"american\",\"gender\":\"male\"}}]}", null);
        }
        if (!"output_format=pcm_24000".equals(request.getUrl().query())) {
            return error(422, "invalid_output_format", "expected output_format=pcm_24000");
        }
        if (path.startsWith("/v1/text-to-speech/")) {
            String voice = path.substring("/v1/text-to-speech/".length());
            if (!List.of(RACHEL, ADAM).contains(voice)) {
                return error(404, "voice_not_found", "A voice with the voice_id " + voice + " was not found.");
            }
            String text = (String) parsed.get("text");
            billed.addAndGet(2L * text.length());
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                    .addHeader("character-cost", String.valueOf(2 * text.length()))
                    .body(new Buffer().write(pcm(speech(text)))).build();
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
                if (!List.of(RACHEL, ADAM).contains(input.get("voice_id"))) {
                    return error(400, "voice_not_found", "A voice with the voice_id was not found.");
                }
                float[] speech = speech(text);
                audio.writeBytes(pcm(speech));
                double end = at + speech.length / 24_000.0;
                spans.add(new double[] {at, end});
                segments.append(i == 0 ? "" : ",").append("{\"voice_id\":\"").append(input.get("voice_id"))
                        .append("\",\"start_time_seconds\":").append(at).append(",\"end_time_seconds\":").append(end)
                        .append(",\"character_start_index\":").append(characters).append(",\"character_end_index\":")
                        .append(characters + text.length()).append(",\"dialogue_input_index\":").append(i).append('}');
                characters += text.length();
                audio.writeBytes(pcm(new float[2_400]));
                at = end + 0.1;
            }
            billed.addAndGet(2L * characters);
            return json("{\"audio_base64\":\"" + Base64.getEncoder().encodeToString(audio.toByteArray())
                    + "\",\"alignment\":null,\"normalized_alignment\":null,\"voice_segments\":[" + segments + "]}",
                    String.valueOf(2 * characters));
        }
        return error(404, "not_found", "Not Found");
    }

    /** What the fake says for {@code text}: FreeTTS speech at 24 kHz. */
    public static float[] speech(String text) {
        AudioClip clip = TTS.synthesize(text, TTS.voices().getFirst());
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

    public static MockResponse json(String body, String characterCost) {
        var b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
        if (characterCost != null) {
            b.addHeader("character-cost", characterCost);
        }
        return b.build();
    }

    /** ElevenLabs' error body: {@code {"detail":{"status","message"}}}. */
    public static MockResponse error(int code, String status, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}}").build();
    }

    @Override
    public void close() {
        server.close();
    }
}
