package dev.podloom.render;

import dev.podloom.audio.EncodedEpisode;
import dev.podloom.audio.EpisodeEncoder;
import dev.podloom.audio.EpisodeMetadata;
import dev.podloom.audio.SpeechSpool;
import dev.podloom.audio.SpokenTurn;
import dev.podloom.audio.TurnAudio;
import dev.podloom.speech.DialogueAlignment;
import dev.podloom.speech.DialogueCalls;
import dev.podloom.speech.Lexicon;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.pipeline.*;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The offline pipeline: fetch → write → synthesize → master → encode, steering the script length until the
 * planned audio matches the requested duration.
 *
 * <p>Length control: a first word budget comes from the voices' measured speaking rates. The script is rewritten
 * with the budget scaled by target/predicted until its predicted length is within ±3 %; then it is synthesized
 * (turns in parallel; clips cached by voice and text, so a later rewrite only pays for new turns) and the encoder
 * plans the real length. Outside ±3 % the voices' pace is corrected from the real audio and steering repeats.
 * Only the best synthesized script is mastered and encoded.
 */
@Singleton
public class DefaultPodcastRenderer implements PodcastRenderer {

    static final List<String> DEFAULT_SPEAKERS = List.of("Alex", "Sam");
    static final double ROUND_TOLERANCE = 0.03;
    static final double DELIVERY_TOLERANCE = 0.10;
    /** How far from the length the spoken script may be for the pauses to close the gap ({@code pauseScale}). */
    static final double PAUSE_FIT_RANGE = 0.10;
    /** Script writes (cheap) and full syntheses (expensive) allowed while steering the length. */
    static final int MAX_WRITES = 6;
    static final int MAX_SYNTHESES = 3;
    static final int SAMPLE_TURNS = 12;
    /** Typical words per turn, only used to estimate pause time in the first budget; later rounds measure. */
    private static final int ESTIMATED_WORDS_PER_TURN = 45;
    private static final int MAX_PARALLEL_FETCHES = 4;
    /** −60 dBFS: anything quieter over a whole episode is silence, never a podcast. */
    private static final double SILENCE_RMS = 0.001;
    private static final String BASE_NAME = "episode";
    private static final String SPOOL_FILE = "speech.f32";

    /** Most speakers a script writer that takes any number of them (a language model) is given. */
    static final int MAX_SPEAKERS = 4;

    private final SourceFetcher fetcher;
    private final ScriptWriterSelector writers;
    private final VoiceCatalog catalog;
    private final EpisodeEncoder encoder;

    /** With one writer for every request (tests, the {@code render} command). */
    public DefaultPodcastRenderer(SourceFetcher fetcher, ScriptWriter writer, VoiceCatalog catalog,
                                  EpisodeEncoder encoder) {
        this(fetcher, (ScriptWriterSelector) choice -> writer, catalog, encoder);
    }

    @jakarta.inject.Inject
    public DefaultPodcastRenderer(SourceFetcher fetcher, ScriptWriterSelector writers, VoiceCatalog catalog,
                                  EpisodeEncoder encoder) {
        this.fetcher = fetcher;
        this.writers = writers;
        this.catalog = catalog;
        this.encoder = encoder;
    }

    @Override
    public RenderedEpisode render(RenderRequest request, Path workDir, ProgressListener progress) {
        return renderWithReport(request, workDir, progress).episode();
    }

    /** Like {@link #render} but also returns loudness, target and rounds for reporting. */
    public RenderOutcome renderWithReport(RenderRequest request, Path workDir, ProgressListener progress) {
        try {
            return new Run(request, workDir, new MonotonicProgress(progress)).execute();
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            // Unexpected: typed as INTERNAL_ERROR; the exception (and its text) goes to the log only.
            throw new PipelineException(FailureCode.INTERNAL_ERROR, "Rendering failed unexpectedly", e);
        }
    }

    /** One render: its request, timings and synthesized-clip cache. */
    private final class Run {

        private final RenderRequest request;
        private final Path workDir;
        private final MonotonicProgress progress;
        private final Map<String, Long> stageMillis = new LinkedHashMap<>();
        /** Synthesized turns by voice and text; their audio waits on disk in the spool. */
        private final Map<ClipKey, TurnAudio> clips = new ConcurrentHashMap<>();
        private SpeechSpool spool;
        /** The version of the request's pronunciations, part of the synthesis cache's key. */
        private final String lexiconVersion;
        /** Characters sent to each engine for this episode (every synthesis, drafts included; cache hits not). */
        private final Map<String, Long> charactersByEngine = new ConcurrentHashMap<>();

        Run(RenderRequest request, Path workDir, MonotonicProgress progress) {
            this.request = request;
            this.workDir = workDir;
            this.progress = progress;
            this.lexiconVersion = VoiceCatalog.lexiconVersion(request.pronunciations());
            List.of("fetch", "write", "synthesize", "master", "encode").forEach(stage -> stageMillis.put(stage, 0L));
        }

        RenderOutcome execute() {
            // Speech goes to disk turn by turn as it is synthesized: memory does not grow with the episode.
            try (SpeechSpool speech = new SpeechSpool(workDir.resolve(SPOOL_FILE))) {
                spool = speech;
                return executeSpooled();
            }
        }

        private RenderOutcome executeSpooled() {
            PodcastStyle style = PodcastStyle.byId(request.style()).orElseThrow(() -> new PipelineException(
                    FailureCode.INVALID_REQUEST, "Unknown style '" + request.style() + "'; styles: " + PodcastStyle.ids()));
            Attempt chosen;
            double targetSeconds = 0;
            int rounds = 0;
            int syntheses = 1;
            boolean exhausted = false;
            Map<String, Voice> voices;
            // Provider engines wait on the network: as many threads as the engine allows calls at once.
            int threads = Math.max(Runtime.getRuntime().availableProcessors(), catalog.maxConcurrency());
            try (ExecutorService synthesisPool = Executors.newFixedThreadPool(threads)) {
                if (request.dialogue() != null) {
                    Script dialogue = withoutBlankTurns(request.dialogue());
                    if (!dialogue.turns().isEmpty()) {
                        dialogue = dialogue.framed(dialogue.turns().getFirst().speaker(), request.introText(),
                                request.outroText());
                    }
                    voices = assignVoices(dialogue.speakers());
                    chosen = attempt(dialogue, voices, synthesisPool, 80);
                } else {
                    if (request.targetMinutes() < 1 || request.targetMinutes() > 120) {
                        throw new PipelineException(FailureCode.INVALID_DURATION,
                                "Target minutes must be between 1 and 120, was " + request.targetMinutes());
                    }
                    targetSeconds = request.targetMinutes() * 60.0;
                    // The extractive writer speaks with the style's voices; a language model with every voice asked for.
                    int speakerCount = Authorship.LLM.equals(request.scriptWriter())
                            ? Math.clamp(request.voices().size(), style.voices(), MAX_SPEAKERS) : style.voices();
                    List<String> speakers = speakerNames(speakerCount);
                    voices = assignVoices(speakers);
                    List<SourceDocument> sources = fetchSources();
                    LengthSteering steering = steer(sources, style, speakers, voices, targetSeconds, synthesisPool);
                    chosen = steering.best;
                    rounds = steering.rounds;
                    syntheses = steering.syntheses;
                    exhausted = steering.exhausted;
                }
            }
            // Handles of rejected drafts are garbage from here (their audio stays in the spool until it closes).
            clips.clear();
            EncodedEpisode encoded = encode(chosen, targetSeconds);
            List<String> voiceIds = chosen.script.speakers().stream().map(s -> voices.get(s).id()).toList();
            var episode = new RenderedEpisode(encoded.mp3(), encoded.transcript(), encoded.chapters(),
                    chosen.script.title(), encoded.durationSeconds(), voiceIds, exhausted, chosen.script,
                    Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis)), Map.copyOf(charactersByEngine));
            return new RenderOutcome(episode, encoded, targetSeconds, rounds, syntheses);
        }

        private List<SourceDocument> fetchSources() {
            long started = System.nanoTime();
            progress.report("fetching", 5);
            List<SourceDocument> sources = new ArrayList<>();
            List<URI> urls = request.urls();
            if (!urls.isEmpty()) {
                AtomicInteger done = new AtomicInteger();
                try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL_FETCHES, urls.size()))) {
                    List<Future<SourceDocument>> fetches = urls.stream().map(url -> pool.submit(() -> {
                        SourceDocument document = fetcher.fetch(url);
                        progress.report("fetching", 5 + 15 * done.incrementAndGet() / urls.size());
                        return document;
                    })).toList();
                    for (Future<SourceDocument> fetch : fetches) {
                        sources.add(await(fetch));
                    }
                }
            }
            sources.addAll(request.documents());
            progress.report("fetching", 20);
            addMillis("fetch", started);
            if (sources.isEmpty() && request.topic() != null) {
                return sources; // topic-only: the language model writes from its own knowledge
            }
            if (sources.stream().allMatch(s -> s.wordCount() == 0)) {
                throw new PipelineException(FailureCode.NO_SOURCE_TEXT, "The sources hold no readable text to talk about");
            }
            return sources;
        }

        /**
         * Rewrites the script against a predicted length (each turn lasting letters × its voice's seconds per letter,
         * laid out by the encoder with its pauses), which costs no synthesis. The pace starts from the voices'
         * calibration, is corrected on a sample of real turns of the first draft predicted to fit, and again after
         * every full synthesis; so one full synthesis usually lands within ±3 %.
         */
        private LengthSteering steer(List<SourceDocument> sources, PodcastStyle style, List<String> speakers,
                                     Map<String, Voice> voices, double targetSeconds, ExecutorService pool) {
            // First use of a voice calibrates it (one paragraph of speech); do the voices side by side.
            voices.values().stream().distinct().map(v -> pool.submit(() -> catalog.charactersPerSecond(v))).toList()
                    .forEach(DefaultPodcastRenderer::await);
            Map<String, Double> secondsPerCharacter = new HashMap<>();
            voices.values().forEach(v -> secondsPerCharacter.put(v.id(), 1 / catalog.charactersPerSecond(v)));
            int budget = initialWordBudget(voices, speakers, targetSeconds);
            ScriptWriter writer = writers.select(request.scriptWriter()).forOneScript();
            Attempt best = null;
            Script previous = null;
            int previousBudget = 0;
            int writes = 0;
            int syntheses = 0;
            boolean sampled = false;
            boolean stalled = false;
            List<Script> drafts = new ArrayList<>();
            while (true) {
                progress.report("writing", 25);
                long started = System.nanoTime();
                // A topic-only podcast has no sources: the topic is what the model writes about.
                Script script = withoutBlankTurns(writer.write(new ScriptRequest(sources, style.id(), budget,
                        sources.isEmpty() ? request.topic() : request.customFocus(), request.sourceWeights(),
                        language(), speakers, request.profiles(), request.seed())))
                        .framed(speakers.getFirst(), request.introText(), request.outroText());
                addMillis("write", started);
                if (script.turns().isEmpty()) {
                    throw new PipelineException(FailureCode.EMPTY_SCRIPT, "The script has no spoken turns");
                }
                writes++;
                boolean cannotGrow = script.sourcesExhausted()
                        || previous != null && script.wordCount() <= previous.wordCount() && budget > previousBudget;
                previous = script;
                previousBudget = budget;
                double predictedRatio = targetSeconds / predictSeconds(script, voices, secondsPerCharacter);
                if (!sampled && !rewrite(predictedRatio, cannotGrow, writes)) {
                    // Measure the voices on this draft, the likely final one, so the sampled clips are reused.
                    correctPace(synthesize(sample(script), voices, pool, 40), voices, secondsPerCharacter);
                    sampled = true;
                    predictedRatio = targetSeconds / predictSeconds(script, voices, secondsPerCharacter);
                }
                if (rewrite(predictedRatio, cannotGrow, writes) && scaled(budget, predictedRatio) != budget) {
                    budget = scaled(budget, predictedRatio);
                    drafts.add(script);
                    continue;
                }
                if (Math.abs(predictedRatio - 1) > ROUND_TOLERANCE && !drafts.isEmpty()) {
                    // Out of rewrites (sentences are coarse steps on short episodes): speak the draft predicted closest.
                    drafts.add(script);
                    script = closestPredicted(drafts, voices, secondsPerCharacter, targetSeconds);
                }
                drafts.clear();
                // Each full synthesis fills half of what is left of the 40–80 % band, so progress never goes back.
                Attempt current = attempt(script, voices, pool, progress.percent() + (80 - progress.percent()) / 2);
                syntheses++;
                // Compared as they will be delivered: after the pauses have closed what they can of the gap.
                if (best == null || fittedError(current, targetSeconds) < fittedError(best, targetSeconds)) {
                    best = current;
                }
                double ratio = targetSeconds / current.plannedSeconds;
                if (Math.abs(ratio - 1) <= ROUND_TOLERANCE) {
                    break;
                }
                if (ratio > 1 && cannotGrow) {
                    stalled = true;
                    break;
                }
                if (syntheses >= MAX_SYNTHESES || writes >= MAX_WRITES) {
                    break;
                }
                correctPace(current.spoken, voices, secondsPerCharacter);
                budget = scaled(budget, ratio);
            }
            boolean tooShort = best.plannedSeconds < targetSeconds * (1 - DELIVERY_TOLERANCE);
            return new LengthSteering(best, writes, syntheses, tooShort && (stalled || best.script.sourcesExhausted()));
        }

        private Script closestPredicted(List<Script> drafts, Map<String, Voice> voices,
                                        Map<String, Double> secondsPerCharacter, double targetSeconds) {
            return drafts.stream().min(Comparator.comparingDouble(
                    d -> fittedError(predictedAttempt(d, voices, secondsPerCharacter), targetSeconds))).orElseThrow();
        }

        /** Whether a draft predicted at {@code ratio} of the target is worth rewriting rather than synthesizing. */
        private static boolean rewrite(double ratio, boolean cannotGrow, int writes) {
            boolean fits = Math.abs(ratio - 1) <= ROUND_TOLERANCE;
            return !fits && !(ratio > 1 && cannotGrow) && writes < MAX_WRITES;
        }

        private static int scaled(int budget, double ratio) {
            return Math.max(1, (int) Math.round(budget * Math.clamp(ratio, 0.25, 4.0)));
        }

        /**
         * About {@code SAMPLE_TURNS} turns spread over the script, shared between the speakers, enough to measure
         * each voice on this text. Picked per speaker: a fixed stride could hit only one of two alternating voices.
         */
        private static List<Turn> sample(Script script) {
            Map<String, List<Turn>> bySpeaker = script.turns().stream()
                    .collect(Collectors.groupingBy(Turn::speaker, LinkedHashMap::new, Collectors.toList()));
            int perSpeaker = Math.max(1, SAMPLE_TURNS / bySpeaker.size());
            List<Turn> sample = new ArrayList<>();
            bySpeaker.values().forEach(turns -> {
                int count = Math.min(perSpeaker, turns.size());
                for (int k = 0; k < count; k++) {
                    sample.add(turns.get(k * turns.size() / count));
                }
            });
            return sample;
        }

        /** The encoder's planned length with each turn's speech predicted from its letters and its voice's pace. */
        private double predictSeconds(Script script, Map<String, Voice> voices, Map<String, Double> secondsPerCharacter) {
            return predictedAttempt(script, voices, secondsPerCharacter).plannedSeconds();
        }

        /** The script as if spoken: each turn silent for the time its letters take at its voice's pace. */
        private Attempt predictedAttempt(Script script, Map<String, Voice> voices, Map<String, Double> secondsPerCharacter) {
            List<SpokenTurn> predicted = script.turns().stream().map(t -> new SpokenTurn(t.speaker(), t.text(),
                    placeholder(VoiceCatalog.spokenCharacters(t.text(), language())
                            * secondsPerCharacter.get(voices.get(t.speaker()).id())))).toList();
            return new Attempt(script, predicted, encoder.plannedDurationSeconds(predicted, script.segments()));
        }

        /**
         * Scales each voice's seconds per letter by how long its real turns speak versus the prediction. Speech time
         * is what the encoder plans for the turns minus what it plans for the same turns without speech (pauses).
         */
        private void correctPace(List<SpokenTurn> spoken, Map<String, Voice> voices, Map<String, Double> secondsPerCharacter) {
            Map<String, List<SpokenTurn>> byVoice = spoken.stream()
                    .collect(Collectors.groupingBy(t -> voices.get(t.speaker()).id()));
            byVoice.forEach((voiceId, turns) -> {
                double real = speechSeconds(turns);
                double predicted = turns.stream()
                        .mapToDouble(t -> VoiceCatalog.spokenCharacters(t.text(), language()) * secondsPerCharacter.get(voiceId)).sum();
                if (real > 0 && predicted > 0) {
                    secondsPerCharacter.put(voiceId, secondsPerCharacter.get(voiceId) * real / predicted);
                }
            });
        }

        private double speechSeconds(List<SpokenTurn> turns) {
            List<SpokenTurn> silent = turns.stream()
                    .map(t -> new SpokenTurn(t.speaker(), t.text(), placeholder(0))).toList();
            return encoder.plannedDurationSeconds(turns, List.of()) - encoder.plannedDurationSeconds(silent, List.of());
        }

        /**
         * Words that fill {@code targetSeconds}: speaking rate × time, less the encoder's pauses between turns
         * (pause per turn × words / words-per-turn), solved for words.
         */
        private int initialWordBudget(Map<String, Voice> voices, List<String> speakers, double targetSeconds) {
            double wordsPerSecond = speakers.stream()
                    .mapToDouble(s -> catalog.wordsPerSecond(voices.get(s))).average().orElseThrow();
            double pausePerTurn = pausePerTurn();
            double words = wordsPerSecond * targetSeconds
                    / (1 + wordsPerSecond * pausePerTurn / ESTIMATED_WORDS_PER_TURN);
            return Math.max(1, (int) Math.round(words));
        }

        /** The encoder's pause per turn, measured by planning turns of (almost) no speech. */
        private double pausePerTurn() {
            int turns = 10;
            AudioClip blip = new AudioClip(new float[1], 24_000);
            List<SpokenTurn> probe = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                probe.add(new SpokenTurn(DEFAULT_SPEAKERS.get(i % 2), "", blip));
            }
            double pause = encoder.plannedDurationSeconds(probe, List.of()) / turns;
            return Double.isFinite(pause) && pause > 0 ? pause : 0;
        }

        /** Synthesizes {@code script} (new turns only) and plans its length; progress climbs to {@code upTo}. */
        private Attempt attempt(Script script, Map<String, Voice> voices, ExecutorService pool, int upTo) {
            if (script.turns().isEmpty()) {
                throw new PipelineException(FailureCode.EMPTY_SCRIPT, "The script has no spoken turns");
            }
            List<SpokenTurn> spoken = synthesize(script.turns(), voices, pool, upTo);
            return new Attempt(script, spoken, encoder.plannedDurationSeconds(spoken, script.segments()));
        }

        /** Speaks the turns in parallel, reusing clips already made for the same voice and text. */
        private List<SpokenTurn> synthesize(List<Turn> turns, Map<String, Voice> voices, ExecutorService pool, int upTo) {
            long started = System.nanoTime();
            progress.report("synthesizing", 30);
            int from = progress.percent();
            Set<ClipKey> missing = new LinkedHashSet<>();
            Map<ClipKey, String> speakerOf = new HashMap<>();
            for (Turn turn : turns) {
                ClipKey key = clipKey(turn, voices);
                if (!clips.containsKey(key)) {
                    missing.add(key);
                    speakerOf.putIfAbsent(key, turn.speaker());
                }
            }
            AtomicInteger done = new AtomicInteger();
            Map<String, Voice> byId = voices.values().stream()
                    .collect(Collectors.toMap(Voice::id, v -> v, (a, b) -> a));
            // Turns of a whole-dialogue engine go in runs, one call each; the others one call per turn.
            Map<DialogueSynthesizer, List<ClipKey>> dialogues = new LinkedHashMap<>();
            List<Future<?>> jobs = new ArrayList<>();
            for (ClipKey key : missing) {
                Voice voice = byId.get(key.voiceId);
                var dialogue = catalog.synthesizer(voice).dialogue();
                if (dialogue.isPresent()) {
                    // A line this voice spoke before comes from the synthesis cache; the rest go to the engine in runs.
                    var cached = catalog.cached(key.text, voice, lexiconVersion);
                    if (cached.isPresent()) {
                        clips.put(key, spool.add(cached.get()));
                        done.incrementAndGet();
                        continue;
                    }
                    dialogues.computeIfAbsent(dialogue.get(), d -> new ArrayList<>()).add(key);
                    continue;
                }
                jobs.add(pool.submit(() -> {
                    // Through the synthesis cache: a turn spoken before (same voice, text, lexicon) costs no engine
                    // call and no characters.
                    SpeechSynthesizer.Spoken spoken = catalog.speak(key.text, voice, lexiconVersion);
                    clips.put(key, spool.add(spoken.clip()));
                    charactersByEngine.merge(voice.engine(), spoken.characters(), Long::sum);
                    progress.report("synthesizing", from + (upTo - from) * done.incrementAndGet() / missing.size());
                }));
            }
            dialogues.forEach((engine, keys) -> {
                List<DialogueSynthesizer.Line> lines = keys.stream().map(k -> new DialogueSynthesizer.Line(
                        speakerOf.get(k), k.text, byId.get(k.voiceId))).toList();
                int at = 0;
                for (List<DialogueSynthesizer.Line> call : DialogueCalls.group(lines, engine.maxCharactersPerCall(),
                        engine.maxSpeakersPerCall())) {
                    List<ClipKey> callKeys = keys.subList(at, at + call.size());
                    at += call.size();
                    jobs.add(pool.submit(() -> {
                        DialogueSynthesizer.SpokenDialogue spoken = catalog.synthesizeDialogue(engine, call);
                        List<AudioClip> parts = DialogueAlignment.cut(spoken);
                        for (int i = 0; i < callKeys.size(); i++) {
                            clips.put(callKeys.get(i), spool.add(parts.get(i)));
                            // Each line's cut is kept, so a revision re-speaks only the lines that changed.
                            catalog.keep(callKeys.get(i).text, byId.get(callKeys.get(i).voiceId), lexiconVersion,
                                    parts.get(i));
                        }
                        charactersByEngine.merge(engine.engine(), spoken.billedCharacters(), Long::sum);
                        progress.report("synthesizing", from + (upTo - from) * done.addAndGet(call.size()) / missing.size());
                    }));
                }
            });
            jobs.forEach(DefaultPodcastRenderer::await);
            addMillis("synthesize", started);
            return turns.stream().map(t -> new SpokenTurn(t.speaker(), t.text(), clips.get(clipKey(t, voices)))).toList();
        }

        /**
         * What the engine is sent for a turn: its text with the request's pronunciations applied the way the
         * voice's engine takes them (phonemes or respelling). The transcript keeps the written text.
         */
        private ClipKey clipKey(Turn turn, Map<String, Voice> voices) {
            Voice voice = voices.get(turn.speaker());
            String spoken = request.pronunciations().isEmpty() ? turn.text()
                    : Lexicon.apply(turn.text(), request.pronunciations(), catalog.synthesizer(voice).phonemeInput());
            return new ClipKey(voice.id(), spoken);
        }

        private EncodedEpisode encode(Attempt chosen, double targetSeconds) {
            requireAudible(chosen.spoken);
            progress.report("mastering", 85);
            String comment = request.urls().isEmpty()
                    ? request.documents().stream().map(SourceDocument::origin).collect(Collectors.joining(" "))
                    : request.urls().stream().map(URI::toString).collect(Collectors.joining(" "));
            EncodedEpisode encoded = encoder.encode(chosen.spoken,
                    new EpisodeMetadata(chosen.script.title(), request.showTitle(), comment, chosen.script.segments(),
                            request.showAudio(), pauseScale(chosen, targetSeconds)),
                    workDir, BASE_NAME);
            // The encoder masters and encodes in one call, so "encoding" is reported when it returns.
            progress.report("encoding", 90);
            stageMillis.put("master", encoded.stageMillis().getOrDefault("master", 0L));
            stageMillis.put("encode", encoded.stageMillis().getOrDefault("encode", 0L));
            requirePlayable(encoded);
            return encoded;
        }

        /**
         * The last step toward the requested length, once the script is spoken: a sentence is 5–10 % of a one- or
         * two-minute episode, so the closest script may still miss by a few percent; the pauses between turns then
         * stretch or shrink (within {@link EpisodeMetadata#MIN_PAUSE_SCALE}–{@link EpisodeMetadata#MAX_PAUSE_SCALE})
         * to close the gap. Only for a script steered to a length that came within {@link #PAUSE_FIT_RANGE}: a ready
         * dialogue, or sources that ran out far short of the length, keep the usual pauses.
         */
        /** How far from the length an attempt ends up once its pauses are fitted ({@link #pauseScale}). */
        private double fittedError(Attempt attempt, double targetSeconds) {
            double scale = pauseScale(attempt, targetSeconds);
            double seconds = scale == 1.0 ? attempt.plannedSeconds
                    : encoder.plannedDurationSeconds(attempt.spoken, attempt.script.segments(), scale);
            return Math.abs(seconds - targetSeconds);
        }

        private double pauseScale(Attempt chosen, double targetSeconds) {
            if (targetSeconds <= 0 || Math.abs(chosen.plannedSeconds / targetSeconds - 1) > PAUSE_FIT_RANGE) {
                return 1.0;
            }
            List<Segment> segments = chosen.script.segments();
            double withoutPauses = encoder.plannedDurationSeconds(chosen.spoken, segments, 0);
            double pauses = chosen.plannedSeconds - withoutPauses;
            if (!(pauses > 0)) {
                return 1.0;
            }
            double scale = 1 + (targetSeconds - chosen.plannedSeconds) / pauses;
            return Math.clamp(scale, EpisodeMetadata.MIN_PAUSE_SCALE, EpisodeMetadata.MAX_PAUSE_SCALE);
        }

        private List<String> speakerNames(int count) {
            // The voice map lists the speakers in order, host first; default names fill any gap.
            List<String> names = new ArrayList<>(request.voices().keySet());
            for (String fallback : DEFAULT_SPEAKERS) {
                if (names.size() >= count) {
                    break;
                }
                if (!names.contains(fallback)) {
                    names.add(fallback);
                }
            }
            return List.copyOf(names.subList(0, count));
        }

        /**
         * Speaker → voice: the request's choice, else the catalog's defaults in order of appearance, skipping
         * voices already chosen explicitly so two speakers do not share a voice while others are free.
         */
        private Map<String, Voice> assignVoices(List<String> speakers) {
            Map<String, Voice> explicit = new LinkedHashMap<>();
            for (String speaker : speakers) {
                String requested = request.voices().get(speaker);
                if (requested != null) {
                    explicit.put(speaker, catalog.find(requested).orElseThrow(() -> new PipelineException(
                            FailureCode.UNKNOWN_VOICE, "Unknown or unavailable voice '" + requested + "' for " + speaker
                            + "; voices for " + language() + ": " + catalog.voicesFor(language()).stream()
                            .map(Voice::id).toList())));
                }
            }
            List<Voice> free = new ArrayList<>();
            if (explicit.size() < speakers.size()) {
                List<Voice> defaults = catalog.defaults(language(), speakers.size(), request.engine());
                defaults.stream().distinct().filter(v -> !explicit.containsValue(v)).forEach(free::add);
                if (free.isEmpty()) {
                    free.addAll(defaults);
                }
            }
            Map<String, Voice> voices = new LinkedHashMap<>();
            int nextFree = 0;
            for (String speaker : speakers) {
                Voice voice = explicit.get(speaker);
                voices.put(speaker, voice != null ? voice : free.get(nextFree++ % free.size()));
            }
            return voices;
        }

        private String language() {
            return request.language() == null || request.language().isBlank() ? "en" : request.language();
        }

        private void addMillis(String stage, long startedNanos) {
            stageMillis.merge(stage, (System.nanoTime() - startedNanos) / 1_000_000, Long::sum);
        }
    }

    private static TurnAudio placeholder(double seconds) {
        return TurnAudio.planned(seconds);
    }

    private static void requireAudible(List<SpokenTurn> spoken) {
        double sum = 0;
        long count = 0;
        for (SpokenTurn turn : spoken) {
            float[] samples = turn.audio().read();
            for (float s : samples) {
                sum += s * s;
            }
            count += samples.length;
        }
        if (count == 0 || Math.sqrt(sum / count) < SILENCE_RMS) {
            throw new PipelineException(FailureCode.SILENT_AUDIO, "Speech synthesis produced silence; no episode was written");
        }
    }

    private static void requirePlayable(EncodedEpisode encoded) {
        try {
            if (!Files.isRegularFile(encoded.mp3()) || Files.size(encoded.mp3()) == 0 || encoded.durationSeconds() <= 0) {
                throw new PipelineException(FailureCode.RENDER_FAILED, "The encoder wrote no audio to " + encoded.mp3());
            }
        } catch (java.io.IOException e) {
            throw new PipelineException(FailureCode.RENDER_FAILED, "Cannot read the encoded episode " + encoded.mp3(), e);
        }
        if (!(encoded.integratedLufs() > -70)) {
            throw new PipelineException(FailureCode.SILENT_AUDIO, "The encoded episode is silent (" + encoded.integratedLufs() + " LUFS)");
        }
    }

    /** Drops turns with nothing to say and moves chapter starts to the turns that remain. */
    static Script withoutBlankTurns(Script script) {
        List<Turn> kept = new ArrayList<>();
        int[] newIndex = new int[script.turns().size() + 1];
        for (int i = 0; i < script.turns().size(); i++) {
            newIndex[i] = kept.size();
            Turn turn = script.turns().get(i);
            if (!turn.text().isBlank()) {
                kept.add(new Turn(turn.speaker(), turn.text().strip(), turn.cites()));
            }
        }
        newIndex[script.turns().size()] = kept.size();
        if (kept.size() == script.turns().size()) {
            return script;
        }
        List<Segment> segments = new ArrayList<>();
        for (Segment segment : script.segments()) {
            int first = newIndex[Math.min(segment.firstTurn(), script.turns().size())];
            boolean duplicate = !segments.isEmpty() && segments.getLast().firstTurn() == first;
            if (first < kept.size() && !duplicate) {
                segments.add(new Segment(segment.title(), first));
            }
        }
        return script.withTurns(kept, segments);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(FailureCode.RENDER_FAILED, "Rendering was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PipelineException pipeline) {
                throw pipeline;
            }
            throw new PipelineException(FailureCode.INTERNAL_ERROR, "Rendering failed unexpectedly", e.getCause());
        }
    }

    private record ClipKey(String voiceId, String text) {
    }

    private record Attempt(Script script, List<SpokenTurn> spoken, double plannedSeconds) {
    }

    private record LengthSteering(Attempt best, int rounds, int syntheses, boolean exhausted) {
    }

    /** Forwards progress, never letting the percentage go backwards (turns finish out of order). */
    private static final class MonotonicProgress {

        private final ProgressListener listener;
        private int percent;

        MonotonicProgress(ProgressListener listener) {
            this.listener = listener == null ? ProgressListener.NONE : listener;
        }

        synchronized void report(String stage, int percent) {
            this.percent = Math.max(this.percent, percent);
            listener.onProgress(stage, this.percent);
        }

        synchronized int percent() {
            return percent;
        }
    }
}
