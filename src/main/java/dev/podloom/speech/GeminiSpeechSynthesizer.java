package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini speech generation through the Gemini API's {@code POST /v1beta/models/{model}:generateContent} with
 * {@code responseModalities: ["AUDIO"]}: one turn with {@code speechConfig.voiceConfig.prebuiltVoiceConfig}, and
 * whole runs of a two-host dialogue with {@code speechConfig.multiSpeakerVoiceConfig} (two speakers a call, the
 * text as {@code Speaker: line} lines, calls of about three minutes of speech). The answer is base64 16-bit PCM
 * at 24 kHz in {@code candidates[0].content.parts[].inlineData}; Gemini gives no timestamps, so the turns of a
 * dialogue call are found on the pauses between them ({@link DialogueAlignment}). Public voice ids are
 * {@code gemini-<Name>} (prebuilt voices such as Kore or Puck).
 */
public final class GeminiSpeechSynthesizer implements SpeechSynthesizer, DialogueSynthesizer {

    public static final String ENGINE = "gemini";
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    /**
     * Gemini's prebuilt voices used when none are configured, with the genders Google's voice list gives them;
     * host and co-host defaults are the first two of different genders.
     */
    public static final String DEFAULT_VOICES = "Kore:female,Puck:male,Zephyr:female,Charon:male,Aoede:female,"
            + "Fenrir:male,Leda:female,Orus:male";
    /** Multi-speaker output takes two speakers a call. */
    static final int MAX_SPEAKERS = 2;
    static final int SAMPLE_RATE = 24_000;
    private static final String PREFIX = ENGINE + "-";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern RATE = Pattern.compile("rate=(\\d+)");
    private static final Pattern RETRY_DELAY = Pattern.compile("^(\\d+(?:\\.\\d+)?)s$");

    /**
     * @param baseUrl       API root, default {@link #DEFAULT_BASE_URL}
     * @param apiKey        sent as {@code x-goog-api-key}
     * @param model         the TTS model (required; no default is built in)
     * @param voices        {@code Name[:gender][:language]} entries
     * @param language      language of the voices
     * @param maxCharacters characters of dialogue per call (about three minutes of speech by default)
     */
    public record Config(String baseUrl, String apiKey, String model, List<String> voices, String language,
                         int maxCharacters, Duration timeout, ProviderGate.Settings limits) {
    }

    private final Config config;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final ProviderGate gate;
    private final List<Voice> voices;

    public GeminiSpeechSynthesizer(Config config, JsonMapper json, Clock clock) {
        this(config, json, clock, new ProviderGate(ENGINE, config.limits()));
    }

    public GeminiSpeechSynthesizer(Config config, JsonMapper json, Clock clock, ProviderGate gate) {
        if (config.model() == null || config.model().isBlank()) {
            throw new IllegalStateException("PODLOOM_SPEECH_GEMINI_MODEL is required with PODLOOM_SPEECH_GEMINI_API_KEY "
                    + "(a Gemini TTS model your key can use; no default is built in because Gemini retires TTS models)");
        }
        this.base = ProviderHttp.baseUrl(config.baseUrl(), DEFAULT_BASE_URL, "PODLOOM_SPEECH_GEMINI_BASE_URL");
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.gate = gate;
        this.http = ProviderHttp.client(config.timeout());
        this.voices = parseVoices(config.voices().isEmpty() ? List.of(DEFAULT_VOICES.split(",")) : config.voices());
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public boolean offline() {
        return false;
    }

    /** The server and the model: part of the synthesis cache's key. */
    @Override
    public String cacheSettings() {
        return "base=" + config.baseUrl() + "\nmodel=" + config.model();
    }

    @Override
    public List<String> models() {
        return List.of(config.model());
    }

    @Override
    public int maxConcurrency() {
        return gate.settings().maxConcurrent();
    }

    @Override
    public List<Voice> voices() {
        return voices;
    }

    @Override
    public Optional<DialogueSynthesizer> dialogue() {
        return Optional.of(this);
    }

    @Override
    public int maxCharactersPerCall() {
        return config.maxCharacters();
    }

    @Override
    public int maxSpeakersPerCall() {
        return MAX_SPEAKERS;
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        String name = voiceName(voice);
        if (text.isBlank()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        List<AudioClip> parts = new ArrayList<>();
        for (String chunk : TextChunks.split(oneLine(text), config.maxCharacters())) {
            parts.add(gate.call("speech", () -> ProviderAudio.check(ENGINE, generate(chunk, singleVoice(name)), chunk)));
        }
        return ProviderAudio.concat(ENGINE, parts);
    }

    @Override
    public SpokenDialogue synthesizeDialogue(List<Line> lines) {
        if (lines.isEmpty()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        if (lines.size() == 1 && lines.getFirst().text().length() > config.maxCharacters()) {
            // A line longer than a call takes: spoken in pieces cut at sentence ends, then joined.
            Line line = lines.getFirst();
            return DialogueAlignment.joinOneLine(ENGINE, TextChunks.split(line.text(), config.maxCharacters()).stream()
                    .map(piece -> synthesizeDialogue(List.of(new Line(line.speaker(), piece, line.voice())))).toList());
        }
        Map<String, String> aliases = aliases(lines);
        Map<String, String> voiceOf = new LinkedHashMap<>();
        lines.forEach(l -> voiceOf.putIfAbsent(aliases.get(l.speaker()), voiceName(l.voice())));
        if (voiceOf.size() > MAX_SPEAKERS) {
            throw new IllegalArgumentException("Gemini speaks at most " + MAX_SPEAKERS + " speakers a call, got " + voiceOf.keySet());
        }
        StringBuilder text = new StringBuilder();
        Map<String, Object> speechConfig;
        if (voiceOf.size() == 1) {
            lines.forEach(l -> text.append(oneLine(l.text())).append('\n'));
            speechConfig = singleVoice(voiceOf.values().iterator().next());
        } else {
            lines.forEach(l -> text.append(aliases.get(l.speaker())).append(": ").append(oneLine(l.text())).append('\n'));
            List<Map<String, Object>> speakers = new ArrayList<>();
            voiceOf.forEach((alias, name) -> speakers.add(Map.of("speaker", alias,
                    "voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", name)))));
            speechConfig = Map.of("multiSpeakerVoiceConfig", Map.of("speakerVoiceConfigs", speakers));
        }
        String input = text.toString().strip();
        String spoken = String.join(" ", lines.stream().map(Line::text).toList());
        AudioClip clip = gate.call("dialogue", () -> ProviderAudio.check(ENGINE, generate(input, speechConfig), spoken));
        int[] letters = lines.stream().mapToInt(l -> VoiceCatalog.spokenCharacters(l.text(), l.voice().language())).toArray();
        long characters = lines.stream().mapToLong(l -> l.text().length()).sum();
        return new SpokenDialogue(clip, DialogueAlignment.onSilences(clip, letters), characters);
    }

    private static Map<String, Object> singleVoice(String name) {
        return Map.of("voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", name)));
    }

    private AudioClip generate(String text, Map<String, Object> speechConfig) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contents", List.of(Map.of("parts", List.of(Map.of("text", text)))));
        body.put("generationConfig", Map.of("responseModalities", List.of("AUDIO"), "speechConfig", speechConfig));
        HttpUrl url = base.newBuilder().addPathSegments("v1beta/models").addPathSegment(config.model() + ":generateContent").build();
        Request request = new Request.Builder().url(url)
                .header("x-goog-api-key", config.apiKey() == null ? "" : config.apiKey())
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] bytes = response.body().bytes();
            if (!response.isSuccessful()) {
                throw failure(response.code(), new String(bytes, StandardCharsets.UTF_8), response.header("Retry-After"));
            }
            return audio(bytes);
        }
    }

    /** The audio of a generateContent answer: every inline-data part of the first candidate, in order. */
    private AudioClip audio(byte[] answer) {
        JsonNode root;
        try {
            root = json.readValue(answer, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "gemini answered something that is not JSON", e);
        }
        JsonNode candidates = root == null ? null : root.get("candidates");
        JsonNode parts = candidates != null && candidates.isArray() && candidates.size() > 0
                && candidates.get(0).get("content") != null ? candidates.get(0).get("content").get("parts") : null;
        if (parts == null || !parts.isArray()) {
            String reason = candidates != null && candidates.isArray() && candidates.size() > 0
                    && candidates.get(0).get("finishReason") != null ? candidates.get(0).get("finishReason").coerceStringValue()
                    : root != null && root.get("promptFeedback") != null ? "prompt blocked" : "no candidates";
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "gemini returned no audio (" + reason + ")");
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        String mime = null;
        for (JsonNode part : parts.values()) {
            JsonNode inline = part.get("inlineData");
            if (inline == null || inline.get("data") == null || !inline.get("data").isString()) {
                continue;
            }
            try {
                pcm.writeBytes(Base64.getDecoder().decode(inline.get("data").getStringValue()));
            } catch (IllegalArgumentException e) {
                throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "gemini returned audio that is not base64", e);
            }
            if (mime == null && inline.get("mimeType") != null) {
                mime = inline.get("mimeType").coerceStringValue();
            }
        }
        byte[] bytes = pcm.toByteArray();
        if (bytes.length == 0) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "gemini returned no audio data");
        }
        String type = mime == null ? "" : mime.toLowerCase(Locale.ROOT);
        if (type.contains("wav") || bytes.length >= 4 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F') {
            return ProviderAudio.decodeWav(ENGINE, bytes);
        }
        if (!type.isEmpty() && !type.contains("l16") && !type.contains("pcm")) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "gemini returned audio as " + mime + ", not 16-bit PCM");
        }
        Matcher rate = RATE.matcher(type);
        return ProviderAudio.decodePcm16(ENGINE, bytes, rate.find() ? Integer.parseInt(rate.group(1)) : SAMPLE_RATE);
    }

    /**
     * Gemini's errors: {@code {"error":{"code","message","status","details"}}}. A 429 (RESOURCE_EXHAUSTED) is a
     * rate limit to wait out (its {@code RetryInfo.retryDelay} or {@code Retry-After}), whatever its message says
     * about quotas; a key Gemini does not accept comes as 400 {@code API_KEY_INVALID}.
     */
    private PipelineException failure(int status, String body, String retryAfter) {
        if (status == 429) {
            Duration wait = ProviderGate.parseRetryAfter(retryAfter, clock);
            if (wait == null) {
                wait = retryDelay(body);
            }
            return new PipelineException(FailureCode.TTS_RATE_LIMITED, "gemini answered HTTP 429: " + abbreviate(body), null, wait);
        }
        if (status == 400 && (body.contains("API_KEY_INVALID") || body.contains("API key not valid"))) {
            return new PipelineException(FailureCode.TTS_UNAUTHORIZED, "gemini answered HTTP 400: " + abbreviate(body));
        }
        return ProviderGate.httpFailure(ENGINE, status, body, retryAfter, clock);
    }

    private Duration retryDelay(String body) {
        try {
            JsonNode details = json.readValue(body, Argument.of(JsonNode.class)).get("error").get("details");
            for (JsonNode d : details.values()) {
                JsonNode delay = d.get("retryDelay");
                if (delay != null && delay.isString()) {
                    Matcher m = RETRY_DELAY.matcher(delay.getStringValue().strip());
                    if (m.matches()) {
                        return Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no RetryInfo: the gate's backoff applies
        }
        return null;
    }

    private static String abbreviate(String body) {
        String one = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    /** Speaker names as Gemini aliases: letters, digits and spaces only, distinct. */
    private static Map<String, String> aliases(List<Line> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Line line : lines) {
            if (out.containsKey(line.speaker())) {
                continue;
            }
            String alias = line.speaker().replaceAll("[^\\p{L}\\p{N} ]", "").strip();
            if (alias.isEmpty() || out.containsValue(alias)) {
                alias = "Speaker" + (out.size() + 1);
            }
            out.put(line.speaker(), alias);
        }
        return out;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String voiceName(Voice voice) {
        if (!voice.engine().equals(ENGINE) || !voice.id().startsWith(PREFIX)) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "gemini has no voice " + voice.id());
        }
        return voice.id().substring(PREFIX.length());
    }

    private List<Voice> parseVoices(List<String> entries) {
        Map<String, Voice> out = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.strip().split(":");
            if (parts[0].isBlank()) {
                continue;
            }
            String name = parts[0].strip();
            String gender = "neutral";
            String language = config.language();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip().toLowerCase(Locale.ROOT);
                if (p.equals("male") || p.equals("female") || p.equals("neutral")) {
                    gender = p;
                } else if (!p.isEmpty()) {
                    language = p;
                }
            }
            out.putIfAbsent(PREFIX + name, new Voice(PREFIX + name, ENGINE, VoiceCatalog.primaryLanguage(language), gender,
                    SAMPLE_RATE, name + " (" + config.model() + ", Gemini prebuilt voice)"));
        }
        return List.copyOf(out.values());
    }
}
