package dev.podloom.translations;

import dev.podloom.auth.Caller;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmSettings;
import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastRepository;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastStatus;
import dev.podloom.podcasts.PodcastSubmission;
import dev.podloom.podcasts.PodcastWritings;
import dev.podloom.podcasts.ShowDirectory;
import dev.podloom.pricing.PricingRules;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.pricing.TranslationQuotes;
import dev.podloom.shared.TokenType;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns {@code POST /v1/podcasts/{id}/translations} into the translated podcast's {@link PodcastSpec}: the original
 * must be the caller's (404) and completed with its script kept (409); a model must be configured (409
 * {@code LLM_NOT_CONFIGURED}); the language must be another one that an installed voice speaks (400 listing the
 * languages there are); each of the original's speakers gets a voice of that language. The spec is priced by
 * {@link PodcastSubmission#quoteRequest}, the podcasts' own function: the original's length, its speakers as voices,
 * the engine that will speak. {@code estimate-cost?kind=translation} prices through the same code.
 */
@Singleton
public class TranslationRequests implements TranslationQuotes {

    static final Set<String> FIELDS = Set.of("language", "voice_config", "show_id", "tts_model");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /** A translation as accepted for charging: the podcast it translates and the new podcast's spec. */
    public record Plan(Podcast original, PodcastSpec spec) {
    }

    private record RequestedVoice(String speaker, String voice) {
    }

    private final PodcastRepository podcasts;
    private final PodcastWritings writings;
    private final VoiceCatalog catalog;
    private final PricingRules rules;
    private final ShowDirectory shows;
    private final LanguageModels models;
    private final JsonMapper json;

    public TranslationRequests(PodcastRepository podcasts, PodcastWritings writings, VoiceCatalog catalog,
                               PricingRules rules, ShowDirectory shows, LanguageModels models, JsonMapper json) {
        this.podcasts = podcasts;
        this.writings = writings;
        this.catalog = catalog;
        this.rules = rules;
        this.shows = shows;
        this.models = models;
        this.json = json;
    }

    /** The plan of a request body, or the reason it is refused (nothing is charged on refusal). */
    public Plan plan(Caller caller, String podcastId, JsonNode body) {
        Podcast original = owned(caller, podcastId);
        if (models.configured().isEmpty()) {
            throw new ApiException(ErrorCode.LLM_NOT_CONFIGURED, "A translation is written by a language model, and "
                    + "none is configured on this server. Ask the operator to set "
                    + String.join(", ", LlmSettings.VARIABLES) + ".", Map.of("variables", LlmSettings.VARIABLES,
                    "missing", models.settings().missing()));
        }
        JsonBody fields = JsonBody.of(body);
        String language = fields.requiredString("language", 35).orElse(null);
        if (language != null && !language.isEmpty() && !LANGUAGE_TAG.matcher(language).matches()) {
            fields.reject("language", "must be a language code such as fr, es or de");
        }
        List<RequestedVoice> requested = voiceConfig(fields);
        UUID showId = fields.string("show_id", 64).map(id -> uuid(fields, id)).orElse(null);
        String ttsModel = fields.string("tts_model", 64).filter(s -> !s.isEmpty()).orElse(null);
        fields.finish(FIELDS);
        PodcastSpec spec = spec(caller, original, language, requested, ttsModel);
        if (showId != null) {
            spec = published(caller, spec, showId);
        }
        return new Plan(original, spec);
    }

    @Override
    public QuoteRequest translation(Caller caller, String podcastId, String language, String ttsModel) {
        if (!LANGUAGE_TAG.matcher(language).matches()) {
            throw ApiException.invalid("language", "'language' must be a language code such as fr, es or de.");
        }
        return PodcastSubmission.quoteRequest(spec(caller, owned(caller, podcastId), language, null, ttsModel));
    }

    private PodcastSpec spec(Caller caller, Podcast original, String language, List<RequestedVoice> requested,
                             String ttsModel) {
        requireTranslatable(original);
        PodcastSpec source = readSpec(original.spec());
        String primary = VoiceCatalog.primaryLanguage(language);
        if (primary.equals(VoiceCatalog.primaryLanguage(original.language()))) {
            throw available("language", "Podcast " + original.id() + " is already in " + original.language()
                    + "; translate it into another language.", "languages", otherLanguages(original));
        }
        if (!catalog.languages().contains(primary)) {
            throw available("language", "No installed voice speaks '" + language + "'.", "languages",
                    otherLanguages(original));
        }
        String engine = null;
        if (ttsModel != null) {
            engine = catalog.resolveEngine(ttsModel, language).orElseThrow(() -> available("tts_model",
                    "Unknown tts_model '" + ttsModel + "'.", "tts_models", catalog.ttsModels()));
            String chosen = engine;
            if (catalog.voicesFor(primary).stream().noneMatch(v -> v.engine().equals(chosen))) {
                throw available("language", "Engine " + engine + " has no voice of '" + language + "'.",
                        "languages", catalog.voices().stream().filter(v -> v.engine().equals(chosen))
                                .map(Voice::language).distinct().sorted().toList());
            }
        }
        List<String> speakers = source.voices().stream().map(PodcastSpec.VoiceChoice::speaker).toList();
        List<PodcastSpec.VoiceChoice> voices = voices(speakers, requested, primary, engine);
        if (engine == null) {
            // The engine that will speak (the host's), so the charge applies its price multiplier.
            engine = catalog.find(voices.getFirst().voice()).map(Voice::engine).orElse(null);
        }
        restrict(caller.tokenType(), primary, voices.size());
        // The original's topic comes along: a translation of a topic-only podcast is unsourced too.
        return new PodcastSpec(List.of(), null, null, null, language, original.targetMinutes(), original.style(),
                voices, engine, null, null, false, null, null, null, Authorship.LLM, null, source.topic(), null, null);
    }

    /** A translation published to a show on completion: a show of the caller's, in the translation's language. */
    private PodcastSpec published(Caller caller, PodcastSpec spec, UUID showId) {
        String showLanguage = shows.language(caller.accountId(), showId).orElseThrow(() -> new ApiException(
                ErrorCode.SHOW_NOT_FOUND, "Show " + showId + " was not found.", Map.of("field", "show_id")));
        if (!VoiceCatalog.primaryLanguage(showLanguage).equals(VoiceCatalog.primaryLanguage(spec.language()))) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Show " + showId + " is in " + showLanguage
                    + "; a translation into " + spec.language() + " is published to a show in that language.",
                    Map.of("field", "show_id", "show_language", showLanguage, "language", spec.language()));
        }
        PricingRules.Restrictions r = rules.forToken(caller.tokenType()).restrictions();
        if (!r.autoPublish()) {
            throw restricted(caller.tokenType(), "auto_publish", false, "Publishing on completion (show_id) needs "
                    + "a production key.");
        }
        return new PodcastSpec(spec.urls(), spec.documents(), spec.dialogue(), spec.title(), spec.language(),
                spec.targetMinutes(), spec.style(), spec.voices(), spec.engine(), spec.customFocus(),
                spec.sourceWeights(), true, showId, spec.callbackUrl(), spec.pronunciations(), spec.scriptWriter(),
                spec.seed(), spec.topic(), spec.introText(), spec.outroText());
    }

    private Podcast owned(Caller caller, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return podcasts.findOwned(uuid, caller.accountId()).orElseThrow(() -> notFound(id));
    }

    private void requireTranslatable(Podcast original) {
        if (original.status() != PodcastStatus.COMPLETED) {
            throw new ApiException(ErrorCode.PODCAST_NOT_READY, "Podcast " + original.id() + " is "
                    + original.status().id() + "; only a completed podcast can be translated.",
                    Map.of("status", original.status().id()));
        }
        if (writings.find(original.id())
                .map(PodcastWritings.Writing::scriptKey).isEmpty()) {
            throw new ApiException(ErrorCode.PODCAST_NOT_READY, "Podcast " + original.id() + " was made before "
                    + "scripts were kept; it has no script to translate.", Map.of("status", original.status().id()));
        }
    }

    /**
     * Each of the original's speakers with the voice {@code voice_config} gives it, else the language's default
     * voices (on {@code engine} when given), host first.
     */
    private List<PodcastSpec.VoiceChoice> voices(List<String> speakers, List<RequestedVoice> requested,
                                                 String language, String engine) {
        Map<String, String> chosen = new LinkedHashMap<>();
        List<String> languageVoices = catalog.voicesFor(language).stream().map(Voice::id).toList();
        if (requested != null) {
            for (int i = 0; i < requested.size(); i++) {
                RequestedVoice r = requested.get(i);
                String field = "voice_config.voices[" + i + "]";
                String speaker = speakers.stream().filter(s -> s.equalsIgnoreCase(r.speaker())).findFirst()
                        .orElseThrow(() -> available(field + ".speaker", "The original has no speaker '"
                                + r.speaker() + "'.", "speakers", speakers));
                Voice voice = catalog.find(r.voice()).orElseThrow(() -> available(field + ".voice",
                        "Unknown voice '" + r.voice() + "'.", "voices", languageVoices));
                if (!VoiceCatalog.primaryLanguage(voice.language()).equals(language)) {
                    throw available(field + ".voice", "Voice '" + voice.id() + "' speaks " + voice.language()
                            + ", not " + language + ".", "voices", languageVoices);
                }
                if (engine != null && !voice.engine().equals(engine)) {
                    throw ApiException.invalid(field + ".voice", "Voice '" + voice.id() + "' belongs to engine "
                            + voice.engine() + ", but tts_model is " + engine + ".");
                }
                chosen.put(speaker, voice.id());
            }
        }
        List<Voice> defaults;
        try {
            defaults = catalog.defaults(language, speakers.size(), engine);
        } catch (PipelineException e) {
            throw available("language", e.clientMessage(), "languages", catalog.languages());
        }
        List<PodcastSpec.VoiceChoice> out = new ArrayList<>();
        for (int i = 0; i < speakers.size(); i++) {
            String speaker = speakers.get(i);
            out.add(new PodcastSpec.VoiceChoice(speaker, chosen.getOrDefault(speaker,
                    defaults.get(i % defaults.size()).id())));
        }
        return out;
    }

    /** {@code voice_config}: {@code {"voices":[{"speaker":"Alex","voice":"espeak-ng-fr"}]}}, speakers of the original. */
    private static List<RequestedVoice> voiceConfig(JsonBody fields) {
        JsonNode config = fields.object("voice_config").orElse(null);
        if (config == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> e : config.entries()) {
            if (!e.getKey().equals("voices")) {
                fields.reject("voice_config." + e.getKey(), "is not a known field (a translation keeps the "
                        + "original's speakers; give voices)");
            }
        }
        JsonNode voices = config.get("voices");
        if (voices == null || !voices.isArray() || voices.size() == 0) {
            fields.reject("voice_config.voices", "must be a list of objects like "
                    + "{\"speaker\":\"Alex\",\"voice\":\"espeak-ng-fr\"}");
            return null;
        }
        List<RequestedVoice> out = new ArrayList<>();
        for (int i = 0; i < voices.size(); i++) {
            JsonNode v = voices.get(i);
            JsonNode speaker = v.isObject() ? v.get("speaker") : null;
            JsonNode voice = v.isObject() ? v.get("voice") : null;
            if (speaker == null || !speaker.isString() || speaker.getStringValue().isBlank()
                    || voice == null || !voice.isString() || voice.getStringValue().isBlank()) {
                fields.reject("voice_config.voices[" + i + "]", "must be an object with a speaker of the original "
                        + "and a voice id, like {\"speaker\":\"Alex\",\"voice\":\"espeak-ng-fr\"}");
                continue;
            }
            out.add(new RequestedVoice(speaker.getStringValue().strip(), voice.getStringValue().strip()));
        }
        return out;
    }

    private List<String> otherLanguages(Podcast original) {
        String own = VoiceCatalog.primaryLanguage(original.language());
        return catalog.languages().stream().filter(l -> !l.equals(own)).toList();
    }

    private void restrict(TokenType type, String language, int voices) {
        PricingRules.Restrictions r = rules.forToken(type).restrictions();
        String key = type.id() + " keys";
        if (!r.allowsLanguage(language)) {
            throw restricted(type, "languages", r.languages(), capitalize(key) + " support "
                    + String.join(", ", r.languages()) + " only.");
        }
        if (voices > r.maxVoices()) {
            throw restricted(type, "max_voices", r.maxVoices(), capitalize(key) + " use at most " + r.maxVoices()
                    + " voices.");
        }
    }

    private static ApiException restricted(TokenType type, String restriction, Object limit, String message) {
        ErrorCode code = type == TokenType.TEST ? ErrorCode.TEST_TOKEN_RESTRICTED : ErrorCode.INVALID_REQUEST;
        return new ApiException(code, message, Map.of("restriction", restriction, "limit", limit,
                "token_type", type.id()));
    }

    private static ApiException available(String field, String message, String what, List<String> options) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message + " Available " + what + ": " + options + ".",
                Map.of("field", field, "available", options));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + id + " was not found.",
                Map.of("podcast_id", id));
    }

    private static UUID uuid(JsonBody fields, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            fields.reject("show_id", "must be a show id as returned when it was created");
            return null;
        }
    }

    private PodcastSpec readSpec(String spec) {
        try {
            return json.readValue(spec, PodcastSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
