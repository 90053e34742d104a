package dev.podloom.podcasts;

import dev.podloom.lexicon.LexiconEntries;
import dev.podloom.lexicon.Lexicons;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.auth.Caller;
import dev.podloom.llm.LlmSettings;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.fetch.ContentExtractor;
import dev.podloom.fetch.UrlPolicy;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.Turn;
import dev.podloom.pipeline.Voice;
import dev.podloom.pricing.Params;
import dev.podloom.pricing.PricingRules;
import dev.podloom.shared.TokenType;
import dev.podloom.script.ScriptWriterSelection;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBody;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a {@code POST /v1/podcasts} body into a {@link PodcastSpec}: field checks first (all bad
 * fields reported at once), then what the installed engines can do, then what the caller's key may do.
 */
@Singleton
public class PodcastRequestParser {

    static final Set<String> FIELDS = Set.of("urls", "text_content", "dialogue", "title", "language",
            "target_duration_minutes", "style", "voice_config", "tts_model", "auto_publish", "custom_focus",
            "source_weights", "show_id", "callback_url", "pronunciations", "script_writer", "seed", "topic",
            "intro_text", "outro_text", "show_audio");
    static final int MAX_TOPIC_CHARS = 500;
    static final int MAX_INTRO_OUTRO_CHARS = 1_000;
    static final Set<String> SCRIPT_WRITERS = Set.of("auto", "llm", "extractive");
    private static final int MAX_PERSONA_CHARS = 300;
    /** Speaking pace used to price a ready dialogue by its length (a common figure for conversational speech). */
    static final int DIALOGUE_WORDS_PER_MINUTE = 150;
    private static final int MAX_TEXT_CHARS = 500_000;
    static final int MAX_DIALOGUE_TURNS = 3000;
    static final int MAX_TURN_CHARS = 5000;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final List<String> DEFAULT_SPEAKERS = List.of("Alex", "Sam", "Jordan", "Riley");
    private static final int MAX_URL_LENGTH = 2048;

    private final VoiceCatalog catalog;
    private final PricingRules rules;
    private final ContentExtractor extractor;
    private final ShowDirectory shows;
    private final Lexicons lexicons;
    private final ScriptWriterSelection writers;

    public PodcastRequestParser(VoiceCatalog catalog, PricingRules rules, ContentExtractor extractor, ShowDirectory shows,
                                Lexicons lexicons, ScriptWriterSelection writers) {
        this.lexicons = lexicons;
        this.catalog = catalog;
        this.rules = rules;
        this.extractor = extractor;
        this.shows = shows;
        this.writers = writers;
    }

    public PodcastSpec parse(JsonNode body, Caller caller) {
        return parse(body, caller, null);
    }

    /**
     * @param upload a document uploaded with the request (multipart), already extracted, or null
     */
    public PodcastSpec parse(JsonNode body, Caller caller, SourceDocument upload) {
        JsonBody json = JsonBody.of(body);
        int maxUrls = rules.forToken(TokenType.PROD).restrictions().maxUrls();

        List<String> urls = json.strings("urls", Math.max(maxUrls, 1) * 5, MAX_URL_LENGTH).orElse(null);
        String textContent = json.string("text_content", MAX_TEXT_CHARS).filter(t -> !t.isEmpty()).orElse(null);
        List<Turn> dialogue = dialogue(json);
        String title = json.string("title", 200).filter(t -> !t.isEmpty()).orElse(null);
        String topic = json.string("topic", MAX_TOPIC_CHARS).filter(t -> !t.isEmpty()).orElse(null);
        boolean hasSource = (urls != null && !urls.isEmpty()) || textContent != null || upload != null;
        if (dialogue != null && hasSource) {
            json.reject("dialogue", "is a ready script: it cannot be combined with urls, text_content or a document");
        } else if (dialogue != null && topic != null) {
            json.reject("topic", "does not apply to a ready dialogue");
        } else if (dialogue == null && !hasSource && topic == null && !json.hasProblem("urls")
                && !json.hasProblem("dialogue") && !json.hasProblem("topic")) {
            json.reject("urls", "is required: give urls (publicly accessible http(s) pages), text_content, "
                    + "a document upload, a ready dialogue, or a topic (written by the language model)");
        }
        String introText = json.string("intro_text", MAX_INTRO_OUTRO_CHARS).filter(t -> !t.isEmpty()).orElse(null);
        String outroText = json.string("outro_text", MAX_INTRO_OUTRO_CHARS).filter(t -> !t.isEmpty()).orElse(null);
        if (title != null && dialogue == null) {
            json.reject("title", "applies to a ready dialogue only; other podcasts are titled from their sources");
        }
        if (urls == null) {
            urls = List.of();
        } else {
            for (int i = 0; i < urls.size(); i++) {
                String field = "urls[" + i + "]";
                UrlPolicy.problem(urls.get(i)).ifPresent(problem -> json.reject(field, problem));
            }
            if (new LinkedHashSet<>(urls).size() != urls.size()) {
                json.reject("urls", "must not repeat a URL");
            }
        }

        String language = json.string("language", 35).orElse("en");
        if (!LANGUAGE_TAG.matcher(language).matches()) {
            json.reject("language", "must be a language code such as en, en-US, es or fr");
        }

        BigDecimal minutes = json.number("target_duration_minutes").orElse(null);
        String style = json.string("style", 32).orElse(PodcastStyle.DEEP_DIVE.id());
        PodcastStyle podcastStyle = PodcastStyle.byId(style).orElse(null);
        if (podcastStyle == null && !json.hasProblem("style")) {
            json.reject("style", "must be one of " + PodcastStyle.ids());
        }
        String engine = json.string("tts_model", 64).orElse(null);
        boolean autoPublish = json.bool("auto_publish").orElse(false);
        boolean showAudio = json.bool("show_audio").orElse(true);
        String customFocus = json.string("custom_focus", 500).filter(s -> !s.isEmpty()).orElse(null);
        if (topic != null && hasSource) {
            // With sources, a topic is the angle on them: custom_focus by another name.
            if (customFocus != null) {
                json.reject("topic", "is the focus on the sources when sources are given; give topic or "
                        + "custom_focus, not both");
            }
            customFocus = topic;
            topic = null;
        }
        Map<String, Double> weights = sourceWeights(json, urls);
        List<RequestedVoice> requestedVoices = voiceConfig(json);
        UUID showId = json.string("show_id", 64).map(id -> uuid(json, "show_id", id)).orElse(null);
        List<Pronunciation> pronunciations = LexiconEntries.parse(json, "pronunciations");
        String callbackUrl = json.string("callback_url", MAX_URL_LENGTH).orElse(null);
        if (callbackUrl != null) {
            UrlPolicy.problem(callbackUrl).ifPresent(problem -> json.reject("callback_url", problem));
        }
        String requestedWriter = json.string("script_writer", 16).orElse("auto");
        if (!SCRIPT_WRITERS.contains(requestedWriter) && !json.hasProblem("script_writer")) {
            json.reject("script_writer", "must be one of " + SCRIPT_WRITERS.stream().sorted().toList());
        }
        Long seed = json.number("seed").map(n -> {
            try {
                long value = n.longValueExact();
                if (value >= 0 && value <= Integer.MAX_VALUE) {
                    return value;
                }
            } catch (ArithmeticException notWhole) {
                // reported below
            }
            json.reject("seed", "must be a whole number from 0 to " + Integer.MAX_VALUE);
            return null;
        }).orElse(null);
        if (dialogue != null && minutes != null) {
            json.reject("target_duration_minutes", "does not apply to a ready dialogue: its length decides");
        }
        json.finish(FIELDS);
        // Before any charge: a request for the language model on a server without one is refused.
        String scriptWriter = null;
        if (topic != null) {
            if (!writers.llmConfigured()) {
                throw notConfigured("topic", "A podcast from a topic alone is written by a language model, and none "
                        + "is configured on this server. Give sources (urls, text_content or a document), or ask "
                        + "the operator to set " + String.join(", ", LlmSettings.VARIABLES) + ".");
            }
            if (requestedWriter.equals("extractive")) {
                throw ApiException.invalid("script_writer", "The extractive writer needs sources; a topic without "
                        + "sources is written by the language model (script_writer 'auto' or 'llm').");
            }
        }
        if (dialogue == null) {
            if (requestedWriter.equals("llm") && !writers.llmConfigured()) {
                throw new ApiException(ErrorCode.LLM_NOT_CONFIGURED, "script_writer 'llm' needs a language model, and "
                        + "none is configured on this server. Use 'extractive' or 'auto', or ask the operator to set "
                        + String.join(", ", writers.missingSettings()) + ".",
                        Map.of("field", "script_writer", "variables", writers.missingSettings()));
            }
            scriptWriter = writers.resolve(requestedWriter);
        }

        List<SourceDocument> documents = new ArrayList<>();
        if (textContent != null) {
            documents.add(extractText(textContent));
        }
        if (upload != null) {
            documents.add(upload);
        }
        int targetMinutes;
        if (dialogue != null) {
            targetMinutes = dialogueMinutes(dialogue);
        } else if (minutes == null) {
            // The seed's default is 10 minutes; a key that may not go that long gets its own maximum instead.
            targetMinutes = Math.min(10, rules.forToken(caller.tokenType()).restrictions().maxDurationMinutes());
        } else {
            targetMinutes = wholeMinutes(minutes);
        }
        if (dialogue != null) {
            requestedVoices = dialogueVoices(dialogue, requestedVoices);
        }
        if (engine != null) {
            // An engine id, a provider's model name or an alias (gemini-2.5-flash-tts): stored as the engine id.
            String asked = engine;
            engine = catalog.resolveEngine(asked, language).orElseThrow(() -> available("tts_model",
                    "Unknown tts_model '" + asked + "'.", "tts_models", catalog.ttsModels()));
        }
        String primaryLanguage = VoiceCatalog.primaryLanguage(language);
        if (!catalog.languages().contains(primaryLanguage)) {
            throw available("language", "Language '" + language + "' is not supported by the installed voices.",
                    "languages", catalog.languages());
        }
        List<PodcastSpec.VoiceChoice> voices = chooseVoices(requestedVoices, podcastStyle, primaryLanguage, engine,
                dialogue != null);
        if (engine == null) {
            // The engine that will speak (the host's), so the charge applies its price multiplier.
            engine = catalog.find(voices.getFirst().voice()).map(Voice::engine).orElse(null);
        }

        // The account's lexicon as it is now, with this request's entries on top: what the podcast is spoken with.
        List<Pronunciation> lexicon = LexiconEntries.merge(lexicons.entries(caller.accountId()), pronunciations);
        var spec = new PodcastSpec(List.copyOf(urls), documents.isEmpty() ? null : List.copyOf(documents), dialogue,
                title, language, targetMinutes, podcastStyle.id(), voices, engine, customFocus, weights, autoPublish,
                showId, callbackUrl, lexicon.isEmpty() ? null : lexicon, scriptWriter, seed, topic, introText,
                outroText);
        if (!showAudio) {
            spec = spec.withoutShowAudio(); // the show's intro, outro and bed are left out of this episode
        }
        enforceTokenRestrictions(spec, caller.tokenType());
        // After the restrictions: a test key asking to auto-publish should hear that it may not.
        if (autoPublish && showId == null) {
            throw ApiException.invalid("show_id", "'show_id' is required with auto_publish: the show to publish "
                    + "the episode to.");
        }
        if (showId != null) {
            ShowDirectory.HostLines show = shows.hostLines(caller.accountId(), showId).orElseThrow(() ->
                    new ApiException(ErrorCode.SHOW_NOT_FOUND, "Show " + showId + " was not found.",
                            Map.of("field", "show_id")));
            // The show's intro and outro, unless the request gives its own.
            if (introText == null && show.intro() != null || outroText == null && show.outro() != null) {
                spec = spec.withIntroOutro(introText != null ? introText : show.intro(),
                        outroText != null ? outroText : show.outro());
            }
        }
        return spec;
    }

    /** 409 {@code LLM_NOT_CONFIGURED} naming the field and the variables an operator sets to configure a model. */
    private ApiException notConfigured(String field, String message) {
        return new ApiException(ErrorCode.LLM_NOT_CONFIGURED, message, Map.of("field", field,
                "variables", LlmSettings.VARIABLES, "missing", writers.missingSettings()));
    }

    private record RequestedVoice(String speaker, String voice, String role, String persona) {
        RequestedVoice(String speaker, String voice) {
            this(speaker, voice, null, null);
        }
    }

    /**
     * {@code voice_config}: {@code {"voices":[{"speaker":"Alex","voice":"flite-rms"},{"speaker":"Sam"}]}}.
     * Each entry is one voice (their count is what pricing sees); {@code speaker} names the host in the
     * script and transcript, {@code voice} is a voice id from {@code GET /v1/voices} (default: the
     * language's default voices); {@code {"count":1}} just asks for that many default voices.
     */
    private List<RequestedVoice> voiceConfig(JsonBody json) {
        JsonNode config = json.object("voice_config").orElse(null);
        if (config == null) {
            return null;
        }
        JsonNode voices = config.get("voices");
        JsonNode count = config.get("count");
        for (Map.Entry<String, JsonNode> e : config.entries()) {
            if (!Set.of("voices", "count").contains(e.getKey())) {
                json.reject("voice_config." + e.getKey(), "is not a known field (use voices or count)");
            }
        }
        if (voices != null && count != null) {
            json.reject("voice_config", "give either voices or count, not both");
            return null;
        }
        if (count != null) {
            if (!count.isNumber() || count.getNumberValue().doubleValue() != count.getNumberValue().intValue()
                    || count.getIntValue() < 1 || count.getIntValue() > DEFAULT_SPEAKERS.size()) {
                json.reject("voice_config.count", "must be a whole number from 1 to " + DEFAULT_SPEAKERS.size());
                return null;
            }
            List<RequestedVoice> out = new ArrayList<>();
            for (int i = 0; i < count.getIntValue(); i++) {
                out.add(new RequestedVoice(DEFAULT_SPEAKERS.get(i), null));
            }
            return out;
        }
        if (voices == null || !voices.isArray() || voices.size() == 0 || voices.size() > DEFAULT_SPEAKERS.size()) {
            json.reject("voice_config.voices", "must be a list of 1 to " + DEFAULT_SPEAKERS.size()
                    + " objects like {\"speaker\":\"Alex\",\"voice\":\"flite-rms\"}");
            return null;
        }
        List<RequestedVoice> out = new ArrayList<>();
        Set<String> speakers = new LinkedHashSet<>();
        for (int i = 0; i < voices.size(); i++) {
            String field = "voice_config.voices[" + i + "]";
            JsonNode v = voices.get(i);
            if (!v.isObject()) {
                json.reject(field, "must be an object like {\"speaker\":\"Alex\",\"voice\":\"flite-rms\"}");
                continue;
            }
            String speaker = textField(json, v, field + ".speaker", DEFAULT_SPEAKERS.get(i));
            String voice = textField(json, v, field + ".voice", null);
            String role = textField(json, v, field + ".role", null);
            String persona = null;
            JsonNode personaNode = v.get("persona");
            if (personaNode != null && !personaNode.isNull()) {
                if (!personaNode.isString() || personaNode.getStringValue().isBlank()
                        || personaNode.getStringValue().length() > MAX_PERSONA_CHARS) {
                    json.reject(field + ".persona", "must be a non-empty string of at most " + MAX_PERSONA_CHARS
                            + " characters");
                } else {
                    persona = personaNode.getStringValue().strip();
                }
            }

            if (speaker != null && !speakers.add(speaker.toLowerCase(Locale.ROOT))) {
                json.reject(field + ".speaker", "repeats another speaker's name");
            }
            out.add(new RequestedVoice(speaker, voice, role, persona));
        }
        return out;
    }

    private static String textField(JsonBody json, JsonNode object, String field, String fallback) {
        JsonNode v = object.get(field.substring(field.lastIndexOf('.') + 1));
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isString() || v.getStringValue().isBlank() || v.getStringValue().length() > 40) {
            json.reject(field, "must be a non-empty string of at most 40 characters");
            return fallback;
        }
        return v.getStringValue().strip();
    }

    /** @param dialogueSpeakers true when the speakers come from a ready dialogue (any count the key allows) */
    private List<PodcastSpec.VoiceChoice> chooseVoices(List<RequestedVoice> requested, PodcastStyle style,
                                                       String language, String engine, boolean dialogueSpeakers) {
        List<RequestedVoice> wanted = requested != null ? requested
                : DEFAULT_SPEAKERS.subList(0, style.voices()).stream().map(s -> new RequestedVoice(s, null)).toList();
        if (style.voices() == 1 && wanted.size() > 1 && !dialogueSpeakers) {
            throw ApiException.invalid("voice_config", "Style '" + style.id() + "' has one narrator; give one voice.");
        }
        if (style.voices() > 1 && wanted.size() < 2 && !dialogueSpeakers) {
            throw ApiException.invalid("voice_config", "Style '" + style.id() + "' needs two voices; give two or "
                    + "choose style 'lecture' for one narrator.");
        }
        List<Voice> defaults;
        try {
            defaults = catalog.defaults(language, wanted.size(), engine);
        } catch (PipelineException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, e.clientMessage(), Map.of("field", "tts_model"));
        }
        List<PodcastSpec.VoiceChoice> chosen = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            RequestedVoice r = wanted.get(i);
            String voiceId = r.voice() != null ? r.voice() : defaults.get(i % defaults.size()).id();
            String field = "voice_config.voices[" + i + "].voice";
            Voice voice = catalog.find(voiceId).orElseThrow(() -> available(field, "Unknown voice '" + voiceId + "'.",
                    "voices", catalog.voicesFor(language).stream().map(Voice::id).toList()));
            if (!VoiceCatalog.primaryLanguage(voice.language()).equals(language)) {
                throw available(field, "Voice '" + voiceId + "' speaks " + voice.language() + ", not " + language + ".",
                        "voices", catalog.voicesFor(language).stream().map(Voice::id).toList());
            }
            if (engine != null && !voice.engine().equals(engine)) {
                throw ApiException.invalid(field, "Voice '" + voiceId + "' belongs to engine " + voice.engine()
                        + ", but tts_model is " + engine + ".");
            }
            chosen.add(new PodcastSpec.VoiceChoice(r.speaker(), voice.id(), r.role(), r.persona()));
        }
        return chosen;
    }

    private Map<String, Double> sourceWeights(JsonBody json, List<String> urls) {
        JsonNode node = json.object("source_weights").orElse(null);
        if (node == null) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.entries()) {
            String field = "source_weights[" + e.getKey() + "]";
            if (urls != null && !urls.contains(e.getKey())) {
                json.reject(field, "names a URL that is not in urls");
            } else if (!e.getValue().isNumber() || e.getValue().getDoubleValue() <= 0
                    || e.getValue().getDoubleValue() > 10) {
                json.reject(field, "must be a number greater than 0 and at most 10");
            } else {
                weights.put(e.getKey(), e.getValue().getDoubleValue());
            }
        }
        if (weights.isEmpty() && !node.entries().iterator().hasNext()) {
            return null; // {} asks for nothing: not priced as custom weights
        }
        return weights;
    }

    /** {@code dialogue}: {@code [["Alex","Hello and welcome."],["Sam","Thanks!"]]}, ZenMic's shape. */
    static List<Turn> dialogue(JsonBody json) {
        JsonNode node = json.array("dialogue").orElse(null);
        if (node == null) {
            return null;
        }
        if (node.size() == 0 || node.size() > MAX_DIALOGUE_TURNS) {
            json.reject("dialogue", "must hold 1 to " + MAX_DIALOGUE_TURNS + " turns like [\"Alex\", \"Hello.\"]");
            return null;
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode turn = node.get(i);
            String field = "dialogue[" + i + "]";
            if (!turn.isArray() || turn.size() != 2 || !turn.get(0).isString() || !turn.get(1).isString()) {
                json.reject(field, "must be a pair [speaker, text] of strings");
                continue;
            }
            String speaker = turn.get(0).getStringValue().strip();
            String text = turn.get(1).getStringValue().strip();
            if (speaker.isEmpty() || speaker.length() > 40) {
                json.reject(field, "needs a speaker name of 1 to 40 characters");
            } else if (text.isEmpty() || text.length() > MAX_TURN_CHARS) {
                json.reject(field, "needs a text of 1 to " + MAX_TURN_CHARS + " characters");
            } else {
                turns.add(new Turn(speaker, text));
            }
        }
        return turns.size() == node.size() ? List.copyOf(turns) : null;
    }

    /** A dialogue is priced and timed by its length. */
    private int dialogueMinutes(List<Turn> dialogue) {
        long words = dialogue.stream().mapToLong(t -> t.text().split("\\s+").length).sum();
        BigDecimal minutes = BigDecimal.valueOf(Math.max(1, (words + DIALOGUE_WORDS_PER_MINUTE - 1)
                / DIALOGUE_WORDS_PER_MINUTE));
        if (minutes.intValue() > rules.podcast().maxDurationMinutes()) {
            throw new ApiException(ErrorCode.INVALID_DURATION, "The dialogue has " + words + " words, about "
                    + minutes + " minutes; the most is " + rules.podcast().maxDurationMinutes() + " minutes.",
                    Map.of("field", "dialogue", "words", words, "max", rules.podcast().maxDurationMinutes()));
        }
        return minutes.intValue();
    }

    /** The dialogue's speakers in order of appearance, each with the voice voice_config gives it (if any). */
    private static List<RequestedVoice> dialogueVoices(List<Turn> dialogue, List<RequestedVoice> configured) {
        List<RequestedVoice> out = new ArrayList<>();
        new LinkedHashSet<>(dialogue.stream().map(Turn::speaker).toList()).forEach(speaker -> {
            String voice = configured == null ? null : configured.stream()
                    .filter(c -> c.speaker().equalsIgnoreCase(speaker)).map(RequestedVoice::voice)
                    .filter(v -> v != null).findFirst().orElse(null);
            out.add(new RequestedVoice(speaker, voice));
        });
        return out;
    }

    private SourceDocument extractText(String text) {
        try {
            return extractor.extract("text_content", "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        } catch (PipelineException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, e.clientMessage()
                    + "; a podcast needs at least a few paragraphs of text.", Map.of("field", "text_content"));
        }
    }

    private static UUID uuid(JsonBody json, String field, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            json.reject(field, "must be an id as returned when it was created");
            return null;
        }
    }

    private int wholeMinutes(BigDecimal minutes) {
        Params.checkDuration("target_duration_minutes", minutes, rules);
        if (minutes.stripTrailingZeros().scale() > 0) {
            throw ApiException.invalid("target_duration_minutes", "'target_duration_minutes' must be a whole number "
                    + "of minutes, not " + minutes.toPlainString() + ".");
        }
        return minutes.intValueExact();
    }

    /** The seed's test-token table, with the limits read from pricing-rules.yaml. */
    private void enforceTokenRestrictions(PodcastSpec spec, TokenType tokenType) {
        PricingRules.Restrictions r = rules.forToken(tokenType).restrictions();
        String key = tokenType.id() + " keys";
        if (spec.targetMinutes() > r.maxDurationMinutes()) {
            throw restricted(tokenType, "max_duration_minutes", r.maxDurationMinutes(),
                    "Podcasts made with " + key + " are at most " + r.maxDurationMinutes() + " minutes long.");
        }
        if (spec.sourceCount() > r.maxUrls()) {
            throw restricted(tokenType, "max_urls", r.maxUrls(), capitalize(key) + " accept at most " + r.maxUrls()
                    + (r.maxUrls() == 1 ? " source (URL, text or document)" : " sources") + " per request.");
        }
        if (!r.allowsLanguage(VoiceCatalog.primaryLanguage(spec.language()))) {
            throw restricted(tokenType, "languages", r.languages(), capitalize(key) + " support "
                    + String.join(", ", r.languages()) + " only.");
        }
        if (spec.voices().size() > r.maxVoices()) {
            throw restricted(tokenType, "max_voices", r.maxVoices(), capitalize(key) + " use at most "
                    + r.maxVoices() + " voices.");
        }
        if (spec.customFocus() != null && !r.customFocus()) {
            throw restricted(tokenType, "custom_focus", false, "custom_focus needs a production key.");
        }
        if (spec.sourceWeights() != null && !r.sourceWeights()) {
            throw restricted(tokenType, "source_weights", false, "source_weights needs a production key.");
        }
        if (spec.autoPublish() && !r.autoPublish()) {
            throw restricted(tokenType, "auto_publish", false, "auto_publish needs a production key.");
        }
    }

    /** Over a test key's limits it is the seed's TEST_TOKEN_RESTRICTED; over a prod key's, plain invalid. */
    private static ApiException restricted(TokenType type, String restriction, Object limit, String message) {
        ErrorCode code = type == TokenType.TEST ? ErrorCode.TEST_TOKEN_RESTRICTED : ErrorCode.INVALID_REQUEST;
        return new ApiException(code, message,
                Map.of("restriction", restriction, "limit", limit, "token_type", type.id()));
    }

    private static ApiException available(String field, String message, String what, List<String> options) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message + " Available " + what + ": " + options + ".",
                Map.of("field", field, "available", options));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
