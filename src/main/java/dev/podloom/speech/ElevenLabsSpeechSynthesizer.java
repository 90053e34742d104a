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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

/**
 * ElevenLabs: one turn with {@code POST /v1/text-to-speech/{voice_id}}, and whole runs of dialogue with
 * {@code POST /v1/text-to-dialogue/with-timestamps} (about 2,000 characters a request), whose
 * {@code voice_segments} say where each input line lies in the audio. Audio is asked for as
 * {@code output_format=pcm_24000} (16-bit PCM at 24 kHz), so nothing is encoded twice. Voices come from
 * {@code GET /v1/voices}; the {@code character-cost} header of each answer is what gets recorded as the
 * podcast's characters. Public voice ids are {@code elevenlabs-<voice_id>}; {@code voice_config} also takes
 * the bare voice id.
 */
public final class ElevenLabsSpeechSynthesizer implements SpeechSynthesizer, DialogueSynthesizer {

    public static final String ENGINE = "elevenlabs";
    public static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";
    /** The model ElevenLabs documents for text-to-dialogue. */
    public static final String DEFAULT_DIALOGUE_MODEL = "eleven_v3";
    /** ElevenLabs' advice for text-to-dialogue: at most about 2,000 characters a request. */
    public static final int DIALOGUE_CHARACTERS = 2_000;
    /** Text-to-dialogue takes at most 10 distinct voices a request. */
    static final int MAX_SPEAKERS = 10;
    /** Per-turn requests are split at sentence ends to this size. */
    static final int MAX_TURN_CHARACTERS = 5_000;
    static final int SAMPLE_RATE = 24_000;
    static final String OUTPUT_FORMAT = "pcm_24000";
    private static final String PREFIX = ENGINE + "-";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsSpeechSynthesizer.class);

    /**
     * @param model         {@code model_id} of per-turn requests; blank: ElevenLabs' default model
     * @param dialogueModel {@code model_id} of text-to-dialogue requests
     * @param dialogue      whether whole runs of dialogue go through text-to-dialogue
     * @param voices        {@code voice_id[:language[:gender]]} entries, used when {@code GET /v1/voices} fails
     */
    public record Config(String baseUrl, String apiKey, String model, String dialogueModel, boolean dialogue,
                         List<String> voices, String language, Duration timeout, ProviderGate.Settings limits) {
    }

    private final Config config;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final ProviderGate gate;
    private final ProviderHttp.LazyVoices voices = new ProviderHttp.LazyVoices(this::loadVoices);

    public ElevenLabsSpeechSynthesizer(Config config, JsonMapper json, Clock clock) {
        this(config, json, clock, new ProviderGate(ENGINE, config.limits()));
    }

    public ElevenLabsSpeechSynthesizer(Config config, JsonMapper json, Clock clock, ProviderGate gate) {
        this.base = ProviderHttp.baseUrl(config.baseUrl(), DEFAULT_BASE_URL, "PODLOOM_SPEECH_ELEVENLABS_BASE_URL");
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.gate = gate;
        this.http = ProviderHttp.client(config.timeout());
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

    /** The server and both models (per turn, whole dialogue): part of the synthesis cache's key. */
    @Override
    public String cacheSettings() {
        return "base=" + config.baseUrl() + "\nmodel=" + config.model() + "\ndialogue-model="
                + (config.dialogue() ? config.dialogueModel() : "");
    }

    /** The configured model ids, also accepted as a {@code tts_model}. */
    @Override
    public List<String> models() {
        List<String> models = new ArrayList<>();
        if (config.model() != null && !config.model().isBlank()) {
            models.add(config.model());
        }
        if (config.dialogue() && !models.contains(config.dialogueModel())) {
            models.add(config.dialogueModel());
        }
        return List.copyOf(models);
    }

    @Override
    public int maxConcurrency() {
        return gate.settings().maxConcurrent();
    }

    @Override
    public Optional<DialogueSynthesizer> dialogue() {
        return config.dialogue() ? Optional.of(this) : Optional.empty();
    }

    @Override
    public int maxCharactersPerCall() {
        return DIALOGUE_CHARACTERS;
    }

    @Override
    public int maxSpeakersPerCall() {
        return MAX_SPEAKERS;
    }

    @Override
    public List<Voice> voices() {
        return voices.get();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        return speak(text, voice).clip();
    }

    /** One turn, and what ElevenLabs billed for it ({@code character-cost}; the characters sent when absent). */
    @Override
    public Spoken speak(String text, Voice voice) {
        String voiceId = voiceId(voice);
        List<AudioClip> parts = new ArrayList<>();
        long billed = 0;
        for (String chunk : TextChunks.split(text, MAX_TURN_CHARACTERS)) {
            Spoken part = gate.call("speech", () -> speakChunk(chunk, voiceId));
            parts.add(part.clip());
            billed += part.characters();
        }
        if (parts.isEmpty()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        return new Spoken(ProviderAudio.concat(ENGINE, parts), billed);
    }

    private Spoken speakChunk(String text, String voiceId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        if (config.model() != null && !config.model().isBlank()) {
            body.put("model_id", config.model());
        }
        HttpUrl url = base.newBuilder().addPathSegments("v1/text-to-speech").addPathSegment(voiceId)
                .addQueryParameter("output_format", OUTPUT_FORMAT).build();
        try (Response response = http.newCall(post(url, body)).execute()) {
            byte[] bytes = response.body().bytes();
            if (!response.isSuccessful()) {
                throw ProviderGate.httpFailure(ENGINE, response.code(), new String(bytes, StandardCharsets.UTF_8),
                        response.header("Retry-After"), clock);
            }
            AudioClip clip = ProviderAudio.check(ENGINE, ProviderAudio.decodePcm16(ENGINE, bytes, SAMPLE_RATE), text);
            return new Spoken(clip, characterCost(response.header("character-cost"), text.length()));
        }
    }

    @Override
    public SpokenDialogue synthesizeDialogue(List<Line> lines) {
        if (lines.isEmpty()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        if (lines.size() == 1 && lines.getFirst().text().length() > DIALOGUE_CHARACTERS) {
            // A line longer than a call takes: spoken in pieces cut at sentence ends, then joined.
            Line line = lines.getFirst();
            return DialogueAlignment.joinOneLine(ENGINE, TextChunks.split(line.text(), DIALOGUE_CHARACTERS).stream()
                    .map(piece -> synthesizeDialogue(List.of(new Line(line.speaker(), piece, line.voice())))).toList());
        }
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Line line : lines) {
            inputs.add(Map.of("text", line.text(), "voice_id", voiceId(line.voice())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", inputs);
        body.put("model_id", config.dialogueModel());
        HttpUrl url = base.newBuilder().addPathSegments("v1/text-to-dialogue/with-timestamps")
                .addQueryParameter("output_format", OUTPUT_FORMAT).build();
        String spoken = String.join(" ", lines.stream().map(Line::text).toList());
        long sent = lines.stream().mapToLong(l -> l.text().length()).sum();
        return gate.call("dialogue", () -> {
            try (Response response = http.newCall(post(url, body)).execute()) {
                byte[] bytes = response.body().bytes();
                if (!response.isSuccessful()) {
                    throw ProviderGate.httpFailure(ENGINE, response.code(), new String(bytes, StandardCharsets.UTF_8),
                            response.header("Retry-After"), clock);
                }
                return dialogue(bytes, lines, spoken, characterCost(response.header("character-cost"), sent));
            }
        });
    }

    /** Reads {@code {audio_base64, alignment, normalized_alignment, voice_segments[]}}. */
    private SpokenDialogue dialogue(byte[] answer, List<Line> lines, String spoken, long billed) {
        JsonNode root;
        try {
            root = json.readValue(answer, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "elevenlabs answered something that is not JSON", e);
        }
        JsonNode audio = root == null ? null : root.get("audio_base64");
        if (audio == null || !audio.isString()) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "elevenlabs returned no audio_base64");
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(audio.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, "elevenlabs returned audio that is not base64", e);
        }
        AudioClip clip = ProviderAudio.check(ENGINE, ProviderAudio.decodePcm16(ENGINE, pcm, SAMPLE_RATE), spoken);
        List<LineTiming> timings = segmentTimings(root.get("voice_segments"), lines.size(), clip.durationSeconds());
        if (timings == null) {
            int[] letters = lines.stream().mapToInt(l -> VoiceCatalog.spokenCharacters(l.text(), l.voice().language())).toArray();
            timings = DialogueAlignment.onSilences(clip, letters);
        }
        return new SpokenDialogue(clip, timings, billed);
    }

    /** Each input line's span from its voice segments; null when a line has none (then pauses are used). */
    static List<LineTiming> segmentTimings(JsonNode segments, int lines, double duration) {
        if (segments == null || !segments.isArray()) {
            return null;
        }
        double[] start = new double[lines];
        double[] end = new double[lines];
        java.util.Arrays.fill(start, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(end, Double.NEGATIVE_INFINITY);
        for (JsonNode s : segments.values()) {
            JsonNode index = s.get("dialogue_input_index");
            JsonNode from = s.get("start_time_seconds");
            JsonNode to = s.get("end_time_seconds");
            if (index == null || !index.isNumber() || from == null || !from.isNumber() || to == null || !to.isNumber()) {
                continue;
            }
            int i = index.getIntValue();
            if (i >= 0 && i < lines) {
                start[i] = Math.min(start[i], from.getDoubleValue());
                end[i] = Math.max(end[i], to.getDoubleValue());
            }
        }
        List<LineTiming> out = new ArrayList<>();
        double previous = 0;
        for (int i = 0; i < lines; i++) {
            if (start[i] == Double.POSITIVE_INFINITY || end[i] < start[i]) {
                return null;
            }
            double s = Math.clamp(start[i], previous, duration);
            double e = Math.clamp(end[i], s, duration);
            out.add(new LineTiming(s, e));
            previous = e;
        }
        return out;
    }

    private static long characterCost(String header, long sent) {
        if (header != null) {
            try {
                long cost = Long.parseLong(header.strip());
                if (cost >= 0) {
                    return cost;
                }
            } catch (NumberFormatException ignored) {
                // not a number: count what was sent
            }
        }
        return sent;
    }

    private Request post(HttpUrl url, Map<String, Object> body) throws IOException {
        return new Request.Builder().url(url)
                .header("xi-api-key", config.apiKey() == null ? "" : config.apiKey())
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
    }

    private static String voiceId(Voice voice) {
        if (!voice.engine().equals(ENGINE) || !voice.id().startsWith(PREFIX)) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "elevenlabs has no voice " + voice.id());
        }
        return voice.id().substring(PREFIX.length());
    }

    /** {@code GET /v1/voices}: {@code {"voices":[{voice_id, name, labels:{gender, language…}}]}}; else the configured ids. */
    private List<Voice> loadVoices() {
        Map<String, Voice> found = new LinkedHashMap<>();
        Request request = new Request.Builder().url(base.resolve("v1/voices"))
                .header("xi-api-key", config.apiKey() == null ? "" : config.apiKey()).get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                JsonNode list = json.readValue(response.body().bytes(), Argument.of(JsonNode.class)).get("voices");
                if (list != null && list.isArray()) {
                    for (JsonNode item : list.values()) {
                        JsonNode id = item.get("voice_id");
                        if (id == null || !id.isString() || id.getStringValue().isBlank()) {
                            continue;
                        }
                        JsonNode labels = item.get("labels");
                        String name = text(item.get("name"));
                        Voice v = voice(id.getStringValue(), name, labels == null ? null : text(labels.get("language")),
                                labels == null ? null : text(labels.get("gender")));
                        found.putIfAbsent(v.id(), v);
                    }
                }
            } else {
                LOG.warn("elevenlabs voice listing answered HTTP {}; using PODLOOM_SPEECH_ELEVENLABS_VOICES", response.code());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Listing the elevenlabs voices failed; using PODLOOM_SPEECH_ELEVENLABS_VOICES", e);
        }
        if (found.isEmpty()) {
            for (String entry : config.voices()) {
                String[] parts = entry.strip().split(":");
                if (!parts[0].isBlank()) {
                    Voice v = voice(parts[0].strip(), null, parts.length > 1 ? parts[1].strip() : null,
                            parts.length > 2 ? parts[2].strip() : null);
                    found.putIfAbsent(v.id(), v);
                }
            }
        }
        if (found.isEmpty()) {
            LOG.warn("The elevenlabs speech engine has no voices: set PODLOOM_SPEECH_ELEVENLABS_VOICES");
        }
        return List.copyOf(found.values());
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.getStringValue().isBlank() ? node.getStringValue() : null;
    }

    private Voice voice(String id, String name, String language, String gender) {
        String sex = gender == null ? "neutral" : gender.toLowerCase(Locale.ROOT);
        if (!sex.equals("male") && !sex.equals("female")) {
            sex = "neutral";
        }
        return new Voice(PREFIX + id, ENGINE, VoiceCatalog.primaryLanguage(language != null ? language : config.language()),
                sex, SAMPLE_RATE, (name != null ? name : id) + " (ElevenLabs)");
    }
}
