package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any OpenAI-compatible {@code POST /v1/audio/speech}: OpenAI itself, or a local server such as Kokoro-FastAPI,
 * Speaches or LocalAI. Inputs are split at sentence ends to at most 4,096 characters; audio is asked for as
 * {@code wav} (16-bit PCM), so nothing is encoded twice. Voices come from {@code GET /v1/audio/voices} when the
 * server has it (Kokoro-FastAPI does), else from the configured list. Public voice ids are {@code openai-<name>}.
 */
public final class OpenAiSpeechSynthesizer implements SpeechSynthesizer {

    public static final String ENGINE = "openai";
    /** OpenAI's documented limit on {@code input}. */
    public static final int MAX_INPUT_CHARACTERS = 4_096;
    static final int SAMPLE_RATE = 24_000;
    private static final String PREFIX = ENGINE + "-";
    private static final MediaType JSON = MediaType.get("application/json");
    /** Kokoro's naming: language letter, gender letter, underscore (af_bella, bm_george). */
    private static final Pattern KOKORO_NAME = Pattern.compile("^([abefhijpz])([fm])_.+");
    private static final Map<String, String> KOKORO_LANGUAGES = Map.of("a", "en", "b", "en", "e", "es", "f", "fr",
            "h", "hi", "i", "it", "j", "ja", "p", "pt", "z", "zh");
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiSpeechSynthesizer.class);

    /**
     * @param baseUrl      the API root including {@code /v1}, e.g. {@code https://api.openai.com/v1}
     * @param apiKey       sent as a Bearer token; blank for local servers without keys
     * @param model        the model to ask for (required; no default is built in)
     * @param voices       {@code name[:language[:gender]]} entries, used when the server cannot list its voices
     * @param instructions passed as {@code instructions} when not blank
     * @param language     language of voices whose language is not known
     * @param timeout      per-call timeout
     */
    public record Config(String baseUrl, String apiKey, String model, List<String> voices, String instructions,
                         String language, Duration timeout, ProviderGate.Settings limits) {
    }

    private final Config config;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final ProviderGate gate;
    private final ProviderHttp.LazyVoices voices = new ProviderHttp.LazyVoices(this::loadVoices);

    public OpenAiSpeechSynthesizer(Config config, JsonMapper json, Clock clock) {
        this(config, json, clock, new ProviderGate(ENGINE, config.limits()));
    }

    public OpenAiSpeechSynthesizer(Config config, JsonMapper json, Clock clock, ProviderGate gate) {
        if (config.model() == null || config.model().isBlank()) {
            throw new IllegalStateException("PODLOOM_SPEECH_OPENAI_MODEL is required with PODLOOM_SPEECH_OPENAI_BASE_URL "
                    + "(e.g. the model your server serves; no default is built in)");
        }
        this.base = ProviderHttp.baseUrl(config.baseUrl(), null, "PODLOOM_SPEECH_OPENAI_BASE_URL");
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.gate = gate;
        // The operator configures this URL (often localhost), so no SSRF guard: a plain client.
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
    public int maxConcurrency() {
        return gate.settings().maxConcurrent();
    }

    /** The model every request names; also accepted as a {@code tts_model}. */
    @Override
    public List<String> models() {
        return List.of(config.model());
    }

    @Override
    public boolean offline() {
        return false;
    }

    /** The server, the model and the instructions: the same voice and text elsewhere may sound different. */
    @Override
    public String cacheSettings() {
        return "base=" + base + "\nmodel=" + config.model() + "\ninstructions="
                + (config.instructions() == null ? "" : config.instructions().strip()) + "\nformat=wav";
    }

    @Override
    public List<Voice> voices() {
        return voices.get();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        if (!voice.engine().equals(ENGINE) || !voice.id().startsWith(PREFIX)) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "openai has no voice " + voice.id());
        }
        String name = voice.id().substring(PREFIX.length());
        List<AudioClip> parts = new ArrayList<>();
        for (String chunk : TextChunks.split(text, MAX_INPUT_CHARACTERS)) {
            parts.add(gate.call("speech", () -> speak(chunk, name)));
        }
        if (parts.isEmpty()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        return ProviderAudio.concat(ENGINE, parts);
    }

    private AudioClip speak(String input, String voiceName) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", config.model());
        body.put("input", input);
        body.put("voice", voiceName);
        body.put("response_format", "wav");
        if (config.instructions() != null && !config.instructions().isBlank()) {
            body.put("instructions", config.instructions());
        }
        Request request = authorized(new Request.Builder().url(base.resolve("audio/speech")))
                .header("Accept", "audio/wav")
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] bytes = response.body().bytes();
            if (!response.isSuccessful()) {
                throw ProviderGate.httpFailure(ENGINE, response.code(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                        response.header("Retry-After"), clock);
            }
            AudioClip clip = looksLikeWav(bytes) ? ProviderAudio.decodeWav(ENGINE, bytes)
                    : ProviderAudio.decodePcm16(ENGINE, bytes, SAMPLE_RATE);
            return ProviderAudio.check(ENGINE, clip, input);
        }
    }

    private static boolean looksLikeWav(byte[] bytes) {
        return bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F';
    }

    private Request.Builder authorized(Request.Builder builder) {
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + config.apiKey());
        }
        return builder;
    }

    /** {@code GET /v1/audio/voices} when the server has it, else the configured names. */
    private List<Voice> loadVoices() {
        Map<String, Voice> found = new LinkedHashMap<>();
        try (Response response = http.newCall(authorized(new Request.Builder().url(base.resolve("audio/voices")))
                .get().build()).execute()) {
            if (response.isSuccessful()) {
                JsonNode root = json.readValue(response.body().bytes(), Argument.of(JsonNode.class));
                JsonNode list = root.isArray() ? root : root.get("voices");
                if (list != null && list.isArray()) {
                    for (JsonNode item : list.values()) {
                        Voice v = fromListing(item);
                        if (v != null) {
                            found.putIfAbsent(v.id(), v);
                        }
                    }
                }
            } else {
                LOG.info("{} has no voice listing (HTTP {}); using PODLOOM_SPEECH_OPENAI_VOICES", base, response.code());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Listing the voices of {} failed; using PODLOOM_SPEECH_OPENAI_VOICES", base, e);
        }
        if (found.isEmpty()) {
            for (String entry : config.voices()) {
                String[] parts = entry.strip().split(":");
                if (parts[0].isBlank()) {
                    continue;
                }
                Voice v = voice(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null,
                        parts.length > 2 ? parts[2].strip() : null);
                found.putIfAbsent(v.id(), v);
            }
        }
        if (found.isEmpty()) {
            LOG.warn("The openai speech engine at {} has no voices: set PODLOOM_SPEECH_OPENAI_VOICES", base);
        }
        return List.copyOf(found.values());
    }

    private Voice fromListing(JsonNode item) {
        if (item.isString()) {
            return voice(item.getStringValue(), null, null);
        }
        if (!item.isObject()) {
            return null;
        }
        String name = firstString(item, "id", "voice_id", "name");
        return name == null ? null : voice(name, firstString(item, "language", "lang", "locale"), firstString(item, "gender"));
    }

    private static String firstString(JsonNode item, String... fields) {
        for (String f : fields) {
            JsonNode v = item.get(f);
            if (v != null && v.isString() && !v.getStringValue().isBlank()) {
                return v.getStringValue();
            }
        }
        return null;
    }

    private Voice voice(String name, String language, String gender) {
        Matcher kokoro = KOKORO_NAME.matcher(name);
        String lang = language;
        String sex = gender;
        if (kokoro.matches()) {
            lang = lang != null ? lang : KOKORO_LANGUAGES.get(kokoro.group(1));
            sex = sex != null ? sex : kokoro.group(2).equals("f") ? "female" : "male";
        }
        lang = VoiceCatalog.primaryLanguage(lang != null ? lang : config.language());
        sex = sex == null ? "neutral" : sex.toLowerCase(Locale.ROOT);
        return new Voice(PREFIX + name, ENGINE, lang, sex, SAMPLE_RATE, name + " (" + config.model() + " at " + base.host() + ")");
    }
}
