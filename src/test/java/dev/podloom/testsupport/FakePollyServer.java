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
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Amazon Polly endpoint following its documented REST-JSON wire format: {@code POST /v1/speech}
 * ({@code SynthesizeSpeech}: JSON {@code {Engine, OutputFormat, SampleRate, Text, TextType, VoiceId}}, answered with
 * raw {@code audio/pcm}, signed 16-bit little-endian mono, and the {@code x-amzn-RequestCharacters} header) and
 * {@code GET /v1/voices} ({@code DescribeVoices}). The speech is real (FreeTTS, 16 kHz, in the JVM) reading the SSML's
 * text. SSML must parse as XML, and a request over 3,000 billed or 6,000 total characters is refused with
 * {@code TextLengthExceededException}, as Polly does. Requests without a SigV4 {@code Authorization} are refused.
 * Errors are scripted per call with {@link #failNext}; every speech request is kept for assertions.
 */
public final class FakePollyServer implements AutoCloseable {

    /** One SynthesizeSpeech request as received. */
    public record SpeechCall(Map<String, Object> body, String authorization, int billedCharacters) {
        public String text() {
            return (String) body.get("Text");
        }
    }

    /** One voice DescribeVoices lists. */
    public record PollyVoice(String id, String languageCode, String languageName, String gender, List<String> engines) {
    }

    private final MockWebServer server = new MockWebServer();
    private final JsonMapper json = JsonMapper.createDefault();
    private final FreeTtsSynthesizer tts = new FreeTtsSynthesizer();
    private final List<SpeechCall> calls = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> voiceRequests = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private volatile List<PollyVoice> voices = List.of(
            new PollyVoice("Joanna", "en-US", "US English", "Female", List.of("generative", "long-form", "neural", "standard")),
            new PollyVoice("Matthew", "en-US", "US English", "Male", List.of("generative", "neural", "standard")),
            new PollyVoice("Vicki", "de-DE", "German", "Female", List.of("neural", "standard")),
            new PollyVoice("Brian", "en-GB", "British English", "Male", List.of("standard")));
    private int seen;
    private int failFrom;

    public FakePollyServer() {
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

    /** The endpoint override to configure. */
    public String endpoint() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** The next speech calls, after {@code afterSuccesses} more successes, answer {@code responses} in order. */
    public synchronized FakePollyServer failNext(int afterSuccesses, MockResponse... responses) {
        this.failFrom = seen + afterSuccesses;
        scripted.addAll(List.of(responses));
        return this;
    }

    public synchronized int scriptedLeft() {
        return scripted.size();
    }

    public List<SpeechCall> calls() {
        return List.copyOf(calls);
    }

    public List<RecordedRequest> voiceRequests() {
        return List.copyOf(voiceRequests);
    }

    public synchronized void reset() {
        calls.clear();
        scripted.clear();
    }

    /** A Polly (REST-JSON) error: {@code x-amzn-ErrorType} names the exception, the body carries its message. */
    public static MockResponse error(int status, String type, String message) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-ErrorType", type)
                .addHeader("x-amzn-RequestId", "7f3b1c2e-0000-4000-8000-000000000000")
                .body("{\"message\":\"" + message.replace("\"", "'") + "\"}").build();
    }

    /** The words an SSML document speaks (text nodes, in order), or null when it is not well-formed XML. */
    public static String spokenText(String ssml) {
        Document doc = parse(ssml);
        return doc == null ? null : doc.getDocumentElement().getTextContent();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
            return error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (path.equals("/v1/voices") && "GET".equals(request.getMethod())) {
            voiceRequests.add(request);
            String engine = request.getUrl().queryParameter("Engine");
            List<Map<String, Object>> listed = new ArrayList<>();
            for (PollyVoice v : voices) {
                if (engine == null || v.engines().contains(engine)) {
                    listed.add(Map.of("Gender", v.gender(), "Id", v.id(), "LanguageCode", v.languageCode(),
                            "LanguageName", v.languageName(), "Name", v.id(), "SupportedEngines", v.engines()));
                }
            }
            return jsonResponse(Map.of("Voices", listed));
        }
        if (!path.equals("/v1/speech") || !"POST".equals(request.getMethod())) {
            return error(404, "UnknownOperationException", "Unknown operation");
        }
        try {
            Map<String, Object> body = json.readValue(request.getBody().utf8(), Argument.mapOf(String.class, Object.class));
            String text = (String) body.get("Text");
            String spoken = "ssml".equals(body.get("TextType")) ? spokenText(text) : text;
            int billed = spoken == null ? 0 : spoken.length();
            calls.add(new SpeechCall(body, authorization, billed));
            synchronized (this) {
                seen++;
                if (!scripted.isEmpty() && seen > failFrom) {
                    return scripted.poll();
                }
            }
            if (spoken == null) {
                return error(400, "InvalidSsmlException", "Unsupported SSML feature or invalid SSML");
            }
            if (billed > 3000 || text.length() > 6000) {
                return error(400, "TextLengthExceededException", "Maximum text length has been exceeded");
            }
            String voiceId = (String) body.get("VoiceId");
            PollyVoice voice = voices.stream().filter(v -> v.id().equals(voiceId)).findFirst().orElse(null);
            if (voice == null) {
                return error(400, "ValidationException", "1 validation error detected: Value '" + voiceId
                        + "' at 'voiceId' failed to satisfy constraint: Member must satisfy enum value set");
            }
            if (!voice.engines().contains((String) body.get("Engine"))) {
                return error(400, "EngineNotSupportedException", "This voice does not support the selected engine: "
                        + body.get("Engine"));
            }
            if (!"pcm".equals(body.get("OutputFormat")) || !"16000".equals(body.get("SampleRate"))) {
                return error(400, "InvalidSampleRateException", "Valid values for pcm are 8000 and 16000");
            }
            AudioClip clip = tts.synthesize(spoken, tts.voices().getFirst());
            if (clip.sampleRate() != 16_000) {
                throw new IllegalStateException("FreeTTS speaks at " + clip.sampleRate() + " Hz");
            }
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                    .addHeader("x-amzn-RequestCharacters", Integer.toString(billed))
                    .body(new Buffer().write(pcm(clip))).build();
        } catch (IOException e) {
            return error(500, "ServiceFailureException", "fake failed: " + e);
        }
    }

    private MockResponse jsonResponse(Object body) {
        try {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed 16-bit little-endian mono samples, as Polly's {@code pcm} output. */
    public static byte[] pcm(AudioClip clip) {
        float[] s = clip.samples();
        ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : s) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return b.array();
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
