package dev.podloom.testsupport;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.speech.FreeTtsSynthesizer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible speech server following the documented wire format: {@code POST /v1/audio/speech}
 * with JSON {@code {model, input, voice, response_format, instructions?}} answered with real speech (FreeTTS,
 * in the JVM) as a 16-bit WAV, and Kokoro-FastAPI's {@code GET /v1/audio/voices} ({@code {"voices":[…]}}).
 * Errors are scripted per call with {@link #failNext}; every speech request is kept for assertions.
 */
public final class FakeSpeechServer implements AutoCloseable {

    /** One speech request as received. */
    public record SpeechCall(Map<String, Object> body, String authorization, String path) {
        public String input() {
            return (String) body.get("input");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final JsonMapper json = JsonMapper.createDefault();
    private final FreeTtsSynthesizer tts = new FreeTtsSynthesizer();
    private final List<SpeechCall> calls = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile List<String> voices = List.of("af_bella", "am_adam");
    private volatile boolean listsVoices = true;
    private volatile boolean silent;
    private volatile Duration latency = Duration.ZERO;
    private volatile String requiredKey;
    /** Speech calls received so far, and the call count after which the scripted answers start. */
    private int seen;
    private int failFrom;

    public FakeSpeechServer() {
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

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public FakeSpeechServer voices(List<String> names, boolean listed) {
        this.voices = List.copyOf(names);
        this.listsVoices = listed;
        return this;
    }

    public FakeSpeechServer silent(boolean silent) {
        this.silent = silent;
        return this;
    }

    public FakeSpeechServer latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    public FakeSpeechServer requireKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** The next speech calls, after {@code afterSuccesses} more successes, answer {@code responses} in order. */
    public synchronized FakeSpeechServer failNext(int afterSuccesses, MockResponse... responses) {
        this.failFrom = seen + afterSuccesses;
        scripted.addAll(List.of(responses));
        return this;
    }

    /** Scripted answers not yet given. */
    public synchronized int scriptedLeft() {
        return scripted.size();
    }

    public List<SpeechCall> calls() {
        return List.copyOf(calls);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void reset() {
        calls.clear();
        maxInFlight.set(0);
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (requiredKey != null && !("Bearer " + requiredKey).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "invalid_api_key", "Incorrect API key provided.");
        }
        if (path.equals("/v1/audio/voices") && "GET".equals(request.getMethod())) {
            return listsVoices ? jsonResponse(200, Map.of("voices", voices)) : error(404, "not_found", "Not Found");
        }
        if (!path.equals("/v1/audio/speech") || !"POST".equals(request.getMethod())) {
            return error(404, "not_found", "Not Found");
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Map<String, Object> body = json.readValue(request.getBody().utf8(), Argument.mapOf(String.class, Object.class));
            calls.add(new SpeechCall(body, request.getHeaders().get("Authorization"), path));
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            synchronized (this) {
                seen++;
                if (!scripted.isEmpty() && seen > failFrom) {
                    return scripted.poll();
                }
            }
            String voice = (String) body.get("voice");
            if (!voices.contains(voice)) {
                return error(400, "invalid_request_error", "Voice '" + voice + "' not found");
            }
            String input = (String) body.get("input");
            if (input == null || input.isBlank() || input.length() > 4096) {
                return error(400, "invalid_request_error", "input must be 1 to 4096 characters");
            }
            AudioClip clip = tts.synthesize(input, tts.voices().getFirst());
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/wav")
                    .body(new Buffer().write(wav(clip, silent))).build();
        } catch (IOException | InterruptedException e) {
            return error(500, "server_error", "fake failed: " + e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** An OpenAI-style error body. */
    public static MockResponse error(int status, String type, String message) {
        String body = "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":\"" + type + "\"}}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse jsonResponse(int status, Object body) {
        try {
            return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                    .body(new String(json.writeValueAsBytes(body), java.nio.charset.StandardCharsets.UTF_8)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 16-bit mono RIFF/WAVE of the clip (all zeros when silent). */
    public static byte[] wav(AudioClip clip, boolean silent) {
        float[] s = clip.samples();
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * s.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(clip.sampleRate())
                .putInt(clip.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * s.length);
        for (float v : s) {
            b.putShort(silent ? 0 : (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return b.array();
    }

    @Override
    public void close() {
        server.close();
    }
}
