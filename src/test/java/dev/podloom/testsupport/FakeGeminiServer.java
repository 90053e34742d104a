package dev.podloom.testsupport;

import dev.podloom.audio.Resampler;
import dev.podloom.audio.TurnAudio;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.speech.FreeTtsSynthesizer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Gemini API following the documented speech-generation wire format: {@code POST
 * /v1beta/models/{model}:generateContent} with {@code x-goog-api-key}, {@code generationConfig.responseModalities
 * ["AUDIO"]} and either {@code speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName} or
 * {@code speechConfig.multiSpeakerVoiceConfig.speakerVoiceConfigs[{speaker, voiceConfig}]} with the text as
 * {@code Speaker: line} lines. Answers {@code candidates[0].content.parts[0].inlineData} with base64 16-bit PCM
 * at 24 kHz ({@code audio/L16;codec=pcm;rate=24000}) of real speech (FreeTTS, resampled), the lines of a dialogue
 * separated by pauses of known length; the trimmed length of every line spoken is kept, so tests can check where
 * the engine put each turn. Errors are scripted with {@link #failNext}; every request is kept.
 */
public final class FakeGeminiServer implements AutoCloseable {

    /** One generateContent request as received. */
    public record Call(String path, String apiKey, Map<String, Object> body, List<String> speakers, List<String> lines) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> speechConfig() {
            return (Map<String, Object>) ((Map<String, Object>) body.get("generationConfig")).get("speechConfig");
        }

        @SuppressWarnings("unchecked")
        public List<Object> responseModalities() {
            return (List<Object>) ((Map<String, Object>) body.get("generationConfig")).get("responseModalities");
        }

        public boolean multiSpeaker() {
            return speechConfig().containsKey("multiSpeakerVoiceConfig");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final JsonMapper json = JsonMapper.createDefault();
    /** One engine for every fake: loading its voice takes a while. */
    private static final FreeTtsSynthesizer tts = new FreeTtsSynthesizer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final Map<String, Double> lineSeconds = new ConcurrentHashMap<>();
    private final String apiKey;
    private volatile List<String> voices = List.of("Kore", "Puck", "Zephyr", "Charon");
    private int seen;
    private int failFrom;

    public FakeGeminiServer(String apiKey) {
        this.apiKey = apiKey;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API root to configure as {@code PODLOOM_SPEECH_GEMINI_BASE_URL}. */
    public String baseUrl() {
        return server.url("/").toString();
    }

    /** After {@code afterSuccesses} more requests, the next ones answer {@code responses} in order. */
    public synchronized FakeGeminiServer failNext(int afterSuccesses, MockResponse... responses) {
        failFrom = seen + afterSuccesses;
        scripted.addAll(List.of(responses));
        return this;
    }

    /** Drops the scripted answers not yet given. */
    public synchronized void clearScripted() {
        scripted.clear();
    }

    public synchronized int scriptedLeft() {
        return scripted.size();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Seconds of trimmed speech the fake made for a line of text (as sent), if it spoke it. */
    public Double lineSeconds(String text) {
        return lineSeconds.get(text);
    }

    public void reset() {
        calls.clear();
    }

    @SuppressWarnings("unchecked")
    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !path.matches("/v1beta/models/[^/:]+:generateContent")) {
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        if (!apiKey.equals(request.getHeaders().get("x-goog-api-key"))) {
            return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        }
        try {
            Map<String, Object> body = json.readValue(request.getBody().utf8(), Argument.mapOf(String.class, Object.class));
            Map<String, Object> generation = (Map<String, Object>) body.get("generationConfig");
            Map<String, Object> speech = (Map<String, Object>) generation.get("speechConfig");
            String text = (String) ((Map<String, Object>) ((List<Object>) ((Map<String, Object>)
                    ((List<Object>) body.get("contents")).getFirst()).get("parts")).getFirst()).get("text");
            Map<String, String> voiceOf = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            if (speech.containsKey("multiSpeakerVoiceConfig")) {
                List<Object> configs = (List<Object>) ((Map<String, Object>) speech.get("multiSpeakerVoiceConfig"))
                        .get("speakerVoiceConfigs");
                for (Object c : configs) {
                    Map<String, Object> config = (Map<String, Object>) c;
                    voiceOf.put((String) config.get("speaker"), voiceName((Map<String, Object>) config.get("voiceConfig")));
                }
                for (String line : text.split("\n")) {
                    int colon = line.indexOf(": ");
                    if (colon < 0 || !voiceOf.containsKey(line.substring(0, colon))) {
                        return error(400, "INVALID_ARGUMENT", "Line without a configured speaker: " + line, null);
                    }
                    lines.add(line.substring(colon + 2));
                }
            } else {
                voiceOf.put("", voiceName((Map<String, Object>) speech.get("voiceConfig")));
                lines.addAll(List.of(text.split("\n")));
            }
            calls.add(new Call(path, request.getHeaders().get("x-goog-api-key"), body, List.copyOf(voiceOf.keySet()), lines));
            synchronized (this) {
                seen++;
                if (!scripted.isEmpty() && seen > failFrom) {
                    return scripted.poll();
                }
            }
            if (!List.of("AUDIO").equals(generation.get("responseModalities"))) {
                return error(400, "INVALID_ARGUMENT", "This model only supports audio output.", null);
            }
            if (voiceOf.size() > 2 || voiceOf.values().stream().anyMatch(v -> !voices.contains(v))) {
                return error(400, "INVALID_ARGUMENT", "Unknown voice or too many speakers: " + voiceOf, null);
            }
            return audio(lines);
        } catch (IOException | RuntimeException e) {
            return error(500, "INTERNAL", "fake failed: " + e, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static String voiceName(Map<String, Object> voiceConfig) {
        return (String) ((Map<String, Object>) voiceConfig.get("prebuiltVoiceConfig")).get("voiceName");
    }

    /** The lines spoken one after another with pauses of 0.45 to 0.85 s between them. */
    private MockResponse audio(List<String> lines) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            AudioClip clip = tts.synthesize(lines.get(i), tts.voices().getFirst());
            float[] at24 = Resampler.resample(clip.samples(), clip.sampleRate(), 24_000);
            lineSeconds.put(lines.get(i), TurnAudio.of(new AudioClip(at24, 24_000)).durationSeconds());
            write(pcm, at24);
            if (i < lines.size() - 1) {
                write(pcm, new float[(int) (24_000 * (0.45 + 0.1 * (Math.abs(lines.get(i).hashCode()) % 5)))]);
            }
        }
        String data = Base64.getEncoder().encodeToString(pcm.toByteArray());
        String body = "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/L16;codec=pcm;rate=24000\","
                + "\"data\":\"" + data + "\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":8,\"candidatesTokenCount\":48,\"totalTokenCount\":56},"
                + "\"modelVersion\":\"fake-tts\",\"responseId\":\"fake\"}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    private static void write(ByteArrayOutputStream out, float[] samples) {
        for (float v : samples) {
            short s = (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
            out.write(s & 0xff);
            out.write((s >> 8) & 0xff);
        }
    }

    /** A Gemini API error body: {@code {"error":{"code","message","status","details"}}}. */
    public static MockResponse error(int status, String code, String message, String reason) {
        String details = reason == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"" + reason + "\",\"domain\":\"googleapis.com\"}]";
        String body = "{\"error\":{\"code\":" + status + ",\"message\":\"" + message.replace("\"", "'")
                + "\",\"status\":\"" + code + "\"" + details + "}}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body).build();
    }

    private static MockResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    @Override
    public void close() {
        server.close();
    }

}
