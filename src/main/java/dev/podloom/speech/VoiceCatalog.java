package dev.podloom.speech;

import dev.podloom.normalize.SpeechNormalizer;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.speechcache.SpeechCacheKey;
import dev.podloom.speechcache.SynthesisCache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voices of the engines installed here, the default hosts per language, and how fast each voice speaks.
 *
 * <p>Engines are preferred in a fixed order for a language: a configured provider engine (openai, gemini,
 * elevenlabs, polly), then flite (clearest offline English), then FreeTTS
 * (pure Java, always there), then espeak-ng (robotic, but the only one beyond English).
 */
@Singleton
public class VoiceCatalog {

    /** A configured provider engine comes before the offline ones: its operator set it up to be used. */
    private static final List<String> ENGINE_PREFERENCE = List.of(OpenAiSpeechSynthesizer.ENGINE,
            GeminiSpeechSynthesizer.ENGINE, ElevenLabsSpeechSynthesizer.ENGINE, PollySpeechSynthesizer.ENGINE,
            FliteSynthesizer.ENGINE, FreeTtsSynthesizer.ENGINE, EspeakSynthesizer.ENGINE);

    /** ~60 words of ordinary prose with numbers and names, spoken once per voice to measure its pace. */
    static final String CALIBRATION_TEXT = "Good morning and welcome back to the show. Today we are looking at "
            + "how small towns in the north rebuilt their libraries after the storms of twenty nineteen. "
            + "Maria Lopez, who led the effort, says the hardest part was not the money but the patience. "
            + "Volunteers sorted more than forty thousand books by hand, and the new reading room opened "
            + "three weeks early.";

    private final Map<String, SpeechSynthesizer> engines;
    private final Map<String, Voice> voicesById;
    /** A provider voice's own name ({@code af_bella}) → its voice, when no voice has that id. */
    private final Map<String, Voice> voicesByProviderName;
    private final Map<String, Pace> paces = new ConcurrentHashMap<>();

    /** A voice's measured pace, in words and in letters/digits per second of its clip. */
    private record Pace(double wordsPerSecond, double charactersPerSecond) {
    }

    /**
     * The {@code tts_model} aliases shipped: Podhoc's default model goes to Gemini when it is configured, else to
     * the best installed offline engine, so a client sending the default works anywhere.
     */
    public static final String DEFAULT_ALIASES = "gemini-2.5-flash-tts=gemini,gemini-2.5-pro-tts=gemini";

    /** The embedded engines: flite and espeak-ng when installed on PATH, FreeTTS always. */
    public VoiceCatalog() {
        this(List.of(new FliteSynthesizer(), new FreeTtsSynthesizer(), new EspeakSynthesizer()));
    }

    public VoiceCatalog(List<SpeechSynthesizer> synthesizers) {
        this(synthesizers, DEFAULT_ALIASES);
    }

    public VoiceCatalog(List<SpeechSynthesizer> synthesizers, String aliases) {
        this(synthesizers, aliases, null);
    }

    /**
     * @param aliases {@code PODLOOM_SPEECH_ALIASES}: {@code name=engine[|engine…]} entries, comma-separated; an
     *                alias goes to the first of its engines that is configured, else to the best offline engine
     */
    @Inject
    public VoiceCatalog(List<SpeechSynthesizer> synthesizers,
                        @Value("${podloom.speech.aliases:" + DEFAULT_ALIASES + "}") String aliases,
                        @Nullable SynthesisCache cache) {
        this.cache = cache;
        Map<String, SpeechSynthesizer> available = new LinkedHashMap<>();
        synthesizers.stream()
                .filter(SpeechSynthesizer::available)
                .sorted(Comparator.comparingInt(s -> preference(s.engine())))
                .forEach(s -> available.putIfAbsent(s.engine(), s));
        this.engines = Map.copyOf(available);
        Map<String, Voice> byId = new LinkedHashMap<>();
        available.values().forEach(s -> s.voices().forEach(v -> byId.putIfAbsent(v.id(), v)));
        this.voicesById = byId;
        Map<String, Voice> byName = new LinkedHashMap<>();
        byId.values().stream().filter(v -> v.id().startsWith(v.engine() + "-"))
                .forEach(v -> byName.putIfAbsent(v.id().substring(v.engine().length() + 1), v));
        byId.keySet().forEach(byName::remove);
        this.voicesByProviderName = byName;
        this.aliases = parseAliases(aliases);
        Map<String, String> models = new LinkedHashMap<>();
        available.values().forEach(e -> e.models().forEach(m -> models.putIfAbsent(m, e.engine())));
        this.engineByModel = models;
    }

    private final Map<String, List<String>> aliases;
    private final Map<String, String> engineByModel;
    /** Speech already made, reused for the engines it caches; null: every turn is synthesized. */
    private final SynthesisCache cache;

    private static Map<String, List<String>> parseAliases(String spec) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (spec == null) {
            return out;
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.split("=", 2);
            if (parts.length == 2 && !parts[0].isBlank()) {
                out.put(parts[0].strip(), java.util.Arrays.stream(parts[1].split("\\|")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList());
            }
        }
        return out;
    }

    /**
     * The engine a {@code tts_model} means for {@code language}: an engine id, a provider's model name (the
     * configured OpenAI model), or an alias ({@link #DEFAULT_ALIASES}: its first configured engine, else the
     * best installed offline engine that speaks the language). Empty when nothing matches.
     */
    public Optional<String> resolveEngine(String ttsModel, String language) {
        if (ttsModel == null) {
            return Optional.empty();
        }
        if (engines.containsKey(ttsModel)) {
            return Optional.of(ttsModel);
        }
        if (engineByModel.containsKey(ttsModel)) {
            return Optional.of(engineByModel.get(ttsModel));
        }
        List<String> targets = aliases.get(ttsModel);
        if (targets == null) {
            return Optional.empty();
        }
        Optional<String> configured = targets.stream().filter(engines::containsKey).findFirst();
        if (configured.isPresent()) {
            return configured;
        }
        String primary = primaryLanguage(language);
        return engines().stream().filter(e -> engines.get(e).offline())
                .filter(e -> voicesFor(primary).stream().anyMatch(v -> v.engine().equals(e))).findFirst();
    }

    /** Every name {@code tts_model} accepts: engine ids, provider model names and aliases. */
    public List<String> ttsModels() {
        List<String> names = new ArrayList<>(engines());
        engineByModel.keySet().stream().filter(m -> !names.contains(m)).forEach(names::add);
        aliases.keySet().stream().filter(a -> !names.contains(a)).forEach(names::add);
        return List.copyOf(names);
    }

    /** The engine a podcast in {@code language} gets when it names none: the most preferred that speaks it. */
    public Optional<String> defaultEngine(String language) {
        String primary = primaryLanguage(language);
        return engines().stream().filter(e -> voicesFor(primary).stream().anyMatch(v -> v.engine().equals(e))).findFirst();
    }

    /** The most turns worth speaking at once over the installed engines. */
    public int maxConcurrency() {
        return engines.values().stream().mapToInt(SpeechSynthesizer::maxConcurrency).max()
                .orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Available engine ids, most preferred first. */
    public List<String> engines() {
        return engines.keySet().stream().sorted(Comparator.comparingInt(VoiceCatalog::preference)).toList();
    }

    public List<Voice> voices() {
        return List.copyOf(voicesById.values());
    }

    /** A voice by its id ({@code openai-af_bella}), or by a provider voice's own name ({@code af_bella}). */
    public Optional<Voice> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Voice voice = voicesById.get(id);
        return Optional.ofNullable(voice != null ? voice : voicesByProviderName.get(id));
    }

    /** Voices speaking {@code language} (any BCP-47 tag; only its primary subtag counts). */
    public List<Voice> voicesFor(String language) {
        String primary = primaryLanguage(language);
        return voicesById.values().stream().filter(v -> v.language().equals(primary)).toList();
    }

    /** Primary language subtags some installed voice speaks, sorted. */
    public List<String> languages() {
        return List.copyOf(new TreeSet<>(voicesById.values().stream().map(Voice::language).toList()));
    }

    /** The default voices for {@code speakers} speakers of {@code language}, host first. */
    public List<Voice> defaults(String language, int speakers) {
        return defaults(language, speakers, null);
    }

    /**
     * The default voices for {@code speakers} speakers of {@code language} on {@code engine} (null: the most
     * preferred engine that speaks the language). The host gets the engine's first voice, the co-host its first
     * voice of another gender (else its next voice), so two hosts never share a voice when the engine has two.
     */
    public List<Voice> defaults(String language, int speakers, String engine) {
        if (engine != null && !engines.containsKey(engine)) {
            throw new PipelineException(FailureCode.UNKNOWN_ENGINE,
                    "Unknown or unavailable speech engine '" + engine + "'; available: " + String.join(", ", engines()));
        }
        String primary = primaryLanguage(language);
        List<Voice> candidates = voicesFor(primary);
        if (candidates.isEmpty()) {
            throw new PipelineException(FailureCode.UNSUPPORTED_LANGUAGE,
                    "No installed voice speaks '" + language + "'; supported languages: " + String.join(", ", languages()));
        }
        String chosenEngine = engine != null ? engine : engines().stream()
                .filter(e -> candidates.stream().anyMatch(v -> v.engine().equals(e)))
                .findFirst().orElseThrow();
        List<Voice> pool = candidates.stream().filter(v -> v.engine().equals(chosenEngine)).toList();
        if (pool.isEmpty()) {
            throw new PipelineException(FailureCode.UNSUPPORTED_LANGUAGE, "Engine " + chosenEngine + " does not speak '"
                    + language + "'; engines that do: " + String.join(", ",
                    candidates.stream().map(Voice::engine).distinct().toList()));
        }
        List<Voice> ordered = new ArrayList<>(pool);
        if (ordered.size() > 1) {
            Voice host = ordered.getFirst();
            ordered.stream().skip(1).filter(v -> !v.gender().equals(host.gender())).findFirst().ifPresent(coHost -> {
                ordered.remove(coHost);
                ordered.add(1, coHost);
            });
        }
        List<Voice> chosen = new ArrayList<>();
        for (int i = 0; i < speakers; i++) {
            chosen.add(ordered.get(i % ordered.size()));
        }
        return List.copyOf(chosen);
    }

    /** The engine that speaks {@code voice}. */
    public SpeechSynthesizer synthesizer(Voice voice) {
        SpeechSynthesizer engine = engines.get(voice.engine());
        if (engine == null || !voicesById.containsKey(voice.id())) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "Voice " + voice.id() + " is not available");
        }
        return engine;
    }

    /**
     * Speaks {@code text} (a turn's written text) in {@code voice}. This is the one place turn text is handed to an
     * engine, offline or cloud: the text is normalized for speech here ({@link SpeechNormalizer}: numbers, dates,
     * acronyms, identifiers, symbols as words), while the script and transcript keep the written form.
     */
    public AudioClip synthesize(String text, Voice voice) {
        return speak(text, voice, SpeechCacheKey.NO_LEXICON).clip();
    }

    /**
     * Like {@link #synthesize} but through the synthesis cache when the voice's engine is cached: the clip made
     * earlier for the same engine settings, voice, normalized text and {@code lexiconVersion} is reused without
     * calling the engine (0 characters), and a new clip is kept for next time.
     *
     * @param lexiconVersion {@link #lexiconVersion} of the pronunciations applied to {@code text}
     */
    public SpeechSynthesizer.Spoken speak(String text, Voice voice, String lexiconVersion) {
        SpeechSynthesizer engine = synthesizer(voice);
        String normalized = SpeechNormalizer.normalize(text, voice.language());
        if (cache == null || !cache.caches(engine)) {
            return engine.speak(normalized, voice);
        }
        SynthesisCache.Spoken spoken = cache.speak(engine, voice, normalized, lexiconVersion,
                () -> engine.speak(normalized, voice));
        return new SpeechSynthesizer.Spoken(spoken.clip(), spoken.characters());
    }

    /**
     * The cached clip of {@code text} (a turn's written text, normalized here) in {@code voice}, when its engine is
     * cached and the cache holds it: for engines that speak several turns per call (whole-dialogue engines).
     */
    public java.util.Optional<AudioClip> cached(String text, Voice voice, String lexiconVersion) {
        SpeechSynthesizer engine = synthesizer(voice);
        if (cache == null || !cache.caches(engine)) {
            return java.util.Optional.empty();
        }
        return cache.cached(engine, voice, SpeechNormalizer.normalize(text, voice.language()), lexiconVersion);
    }

    /** Keeps a turn's clip made outside {@link #speak} (cut from a whole-dialogue call) in the synthesis cache. */
    public void keep(String text, Voice voice, String lexiconVersion, AudioClip clip) {
        SpeechSynthesizer engine = synthesizer(voice);
        if (cache != null && cache.caches(engine)) {
            cache.keep(engine, voice, SpeechNormalizer.normalize(text, voice.language()), lexiconVersion, clip);
        }
    }

    /** The version of a request's pronunciations that keys cached speech ({@link SpeechCacheKey#lexiconVersion}). */
    public static String lexiconVersion(List<Pronunciation> pronunciations) {
        return SpeechCacheKey.lexiconVersion(pronunciations);
    }

    /**
     * As {@link #synthesize}, with the characters the engine counted (billed) for the turn: 0 when the clip came
     * from the synthesis cache.
     */
    public SpeechSynthesizer.Spoken speak(String text, Voice voice) {
        return speak(text, voice, SpeechCacheKey.NO_LEXICON);
    }

    /**
     * Speaks consecutive turns in one call of a dialogue engine ({@link #synthesize}'s counterpart): each line's
     * text is normalized for speech in its voice's language, as for single turns.
     */
    public DialogueSynthesizer.SpokenDialogue synthesizeDialogue(DialogueSynthesizer engine, List<DialogueSynthesizer.Line> lines) {
        List<DialogueSynthesizer.Line> normalized = lines.stream().map(l -> new DialogueSynthesizer.Line(l.speaker(),
                SpeechNormalizer.normalize(l.text(), l.voice().language()), l.voice())).toList();
        DialogueSynthesizer.SpokenDialogue spoken = engine.synthesizeDialogue(normalized);
        if (spoken.lines().size() != lines.size()) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine.engine() + " timed " + spoken.lines().size()
                    + " of " + lines.size() + " lines");
        }
        return spoken;
    }

    /**
     * How many words per second {@code voice} speaks, measured once on a fixed calibration paragraph and cached.
     * The pipeline turns a target duration into a word budget with it.
     */
    public double wordsPerSecond(Voice voice) {
        return pace(voice).wordsPerSecond();
    }

    /**
     * How many letters and digits per second {@code voice} speaks, from the same calibration. Speech time follows
     * letters more closely than words (long words take longer), so length predictions use this.
     */
    public double charactersPerSecond(Voice voice) {
        return pace(voice).charactersPerSecond();
    }

    /** Letters and digits an engine is sent for English {@code text}: the unit speech time is predicted from. */
    public static int spokenCharacters(String text) {
        return spokenCharacters(text, "en");
    }

    /**
     * Letters and digits of {@code text} as normalized for speech in {@code language} (what the engine is sent:
     * "1999" is 18 letters of speech, not 4), so predicted lengths follow what is really spoken.
     */
    public static int spokenCharacters(String text, String language) {
        return (int) SpeechNormalizer.normalize(text, language).codePoints().filter(Character::isLetterOrDigit).count();
    }

    private Pace pace(Voice voice) {
        return paces.computeIfAbsent(voice.id(), id -> {
            double seconds = synthesize(CALIBRATION_TEXT, voice).durationSeconds();
            return new Pace(CALIBRATION_TEXT.split("\\s+").length / seconds, spokenCharacters(CALIBRATION_TEXT) / seconds);
        });
    }

    /** {@code en-US} → {@code en}; null or blank → {@code en}. */
    public static String primaryLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return "en";
        }
        String primary = tag.strip().split("[-_]", 2)[0];
        return primary.toLowerCase(Locale.ROOT);
    }

    private static int preference(String engine) {
        int index = ENGINE_PREFERENCE.indexOf(engine);
        return index < 0 ? ENGINE_PREFERENCE.size() : index;
    }
}
