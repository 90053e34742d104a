package dev.podloom.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.podloom.llm.LanguageModel;
import dev.podloom.llm.LlmCall;
import dev.podloom.llm.LlmUsage;
import dev.podloom.llm.StructuredOutput;
import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.Passage;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.ScriptWriter;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SpeakerProfile;
import dev.podloom.pipeline.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a script with a language model: an outline of segments whose key points cite numbered source passages, then
 * each segment's dialogue with a summary of what was already said, then a fact check of every fact-stating turn
 * (a failing turn is rewritten once, in one call for all of them, then dropped). The renderer calls again with
 * corrected word budgets while it steers the length: the first two corrections that matter ask the model to expand
 * or cut named segments; after that, and for small corrections, whole turns are cut from the longest segments.
 * So a script costs the outline, one call per segment, at most one rewrite and at most two adjustments.
 *
 * <p>A request without sources is topic-only: its {@code customFocus} is the topic, the model writes from its own
 * knowledge with prompts that say so, and the script cites nothing (there is nothing to check it against). Such a
 * request never falls back to the extractive writer, which needs sources.
 *
 * <p>With {@code PODLOOM_LLM_FALLBACK=extractive}, a permanent provider failure makes this request fall back to the
 * extractive writer, and the script's {@link Authorship} says so.
 */
final class LlmScriptWriter implements ScriptWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmScriptWriter.class);
    static final int MAX_ADJUSTMENTS = 2;
    /** A correction smaller than this is done by cutting turns, not by asking the model. */
    static final double ADJUST_THRESHOLD = 0.08;
    static final double FIT_TOLERANCE = 0.03;
    private static final int WORDS_PER_MINUTE = 150;
    private static final int WORDS_PER_SEGMENT = 900;
    private static final int MAX_SEGMENTS = 24;
    /** Tokens kept free for instructions and the answer when sizing the passages of the outline call. */
    private static final int RESERVED_TOKENS = 6_000;
    private static final int CACHED_SESSIONS = 2;

    private final LanguageModel model;
    private final Prompts prompts;
    private final ExtractiveScriptWriter extractive;
    private final boolean fallback;
    private final SentenceSplitter splitter = new SentenceSplitter();
    /** Drafts kept between calls: only in an instance made by {@link #forOneScript()}, never across requests. */
    private final Map<SessionKey, Session> sessions;

    LlmScriptWriter(LanguageModel model, Prompts prompts, ExtractiveScriptWriter extractive, boolean fallback) {
        this(model, prompts, extractive, fallback, false);
    }

    private LlmScriptWriter(LanguageModel model, Prompts prompts, ExtractiveScriptWriter extractive, boolean fallback,
                            boolean keepsDrafts) {
        this.model = model;
        this.prompts = prompts;
        this.extractive = extractive;
        this.fallback = fallback;
        this.sessions = keepsDrafts ? Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SessionKey, Session> eldest) {
                return size() > CACHED_SESSIONS;
            }
        }) : null;
    }

    @Override
    public ScriptWriter forOneScript() {
        return new LlmScriptWriter(model, prompts, extractive, fallback, true);
    }

    /** One script request's sources and options, whatever its word budget. */
    private record SessionKey(List<SourceDocument> sources, String style, String focus, Map<String, Double> weights,
                              String language, List<String> speakers, List<SpeakerProfile> profiles, Long seed) {
        static SessionKey of(ScriptRequest r) {
            return new SessionKey(r.sources(), r.style(), r.customFocus(), r.sourceWeights(), r.language(),
                    r.speakers(), r.profiles(), r.seed());
        }
    }

    @Override
    public Script write(ScriptRequest request) {
        if (request.targetWords() <= 0) {
            throw new IllegalArgumentException("targetWords must be positive, was " + request.targetWords());
        }
        SessionKey key = SessionKey.of(request);
        Session session = sessions == null ? new Session(request) : sessions.computeIfAbsent(key, k -> new Session(request));
        synchronized (session) {
            if (session.fallbackReason != null) {
                return fallBack(request, session);
            }
            try {
                return session.scriptFor(request.targetWords());
            } catch (PipelineException e) {
                if (fallback && !session.unsourced && isLlmFailure(e.failure()) && (!e.retryable() || e.failure() == FailureCode.LLM_BAD_OUTPUT)) {
                    LOG.warn("The language model failed ({}: {}); falling back to the extractive writer", e.code(),
                            e.getMessage());
                    session.fallbackReason = e.code();
                    return fallBack(request, session);
                }
                if (sessions != null) {
                    sessions.remove(key);
                }
                throw e;
            }
        }
    }

    private Script fallBack(ScriptRequest request, Session session) {
        Authorship spent = new Authorship(Authorship.LLM, model.name(), null, session.usage.promptTokens(),
                session.usage.completionTokens(), session.usage.calls());
        Script script = extractive.write(request);
        return script.withAuthorship(new Authorship(Authorship.EXTRACTIVE, model.name(), session.fallbackReason,
                spent.promptTokens(), spent.completionTokens(), spent.modelCalls()));
    }

    private static boolean isLlmFailure(FailureCode code) {
        return code.name().startsWith("LLM_");
    }

    /** A segment as written: its title, its share of the episode, its key points and its turns. */
    private static final class SegmentDraft {
        final String title;
        final double minutes;
        final List<String> points;
        final Set<Integer> cites;
        List<Turn> turns = List.of();

        SegmentDraft(String title, double minutes, List<String> points, Set<Integer> cites) {
            this.title = title;
            this.minutes = minutes;
            this.points = points;
            this.cites = cites;
        }

        int words() {
            return turns.stream().mapToInt(t -> wordCount(t.text())).sum();
        }
    }

    /** The writing of one request, kept while the renderer steers its length. */
    private final class Session {
        final ScriptRequest request;
        final PodcastStyle style;
        final List<String> speakers;
        final LlmUsage usage = new LlmUsage();
        /** Topic-only: no sources, nothing cited, the topic is the request's focus. */
        final boolean unsourced;
        Passages passages;
        boolean sameLanguage;
        String title;
        List<SegmentDraft> segments;
        int adjustments;
        String fallbackReason;

        Session(ScriptRequest request) {
            this.request = request;
            this.style = PodcastStyle.byId(request.style()).orElse(PodcastStyle.DEEP_DIVE);
            List<String> names = request.speakers().stream().filter(s -> s != null && !s.isBlank())
                    .map(String::strip).distinct().toList();
            this.speakers = names.isEmpty() ? List.of("Host") : names;
            this.unsourced = request.sources().isEmpty();
            if (unsourced && (request.customFocus() == null || request.customFocus().isBlank())) {
                throw new PipelineException(FailureCode.NO_SOURCE_TEXT, "A script without sources needs a topic");
            }
        }

        Script scriptFor(int target) {
            if (segments == null) {
                writeAll(target);
            } else {
                double ratio = (double) target / Math.max(1, words());
                if (Math.abs(ratio - 1) > ADJUST_THRESHOLD && adjustments < MAX_ADJUSTMENTS) {
                    adjust(target);
                }
            }
            return assemble(target);
        }

        int words() {
            return segments.stream().mapToInt(SegmentDraft::words).sum();
        }

        private void writeAll(int target) {
            int budget = model.contextTokens() - RESERVED_TOKENS - target * 2;
            if (unsourced) {
                passages = new Passages(Map.of(), List.of());
                sameLanguage = true;
            } else {
                passages = Passages.of(request.sources(), request.customFocus(), request.sourceWeights(),
                        request.language(), splitter, Math.max(500, budget));
                sameLanguage = GroundingVerifier.sameLanguage(request.language(), passages.selected());
            }
            outline(target);
            List<String> said = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                SegmentDraft segment = segments.get(i);
                segment.turns = dialogue(i, segment, said, target);
                said.add("- " + segment.title + ": " + String.join("; ", segment.points));
            }
            verifyAll();
        }

        private void outline(int target) {
            int count = Math.clamp((int) Math.round((double) target / WORDS_PER_SEGMENT), 1, MAX_SEGMENTS);
            if (style == PodcastStyle.NEWS_BRIEF) {
                count = Math.min(count, 3);
            }
            Map<String, String> values = common();
            values.put("minutes", String.valueOf(Math.max(1, Math.round((double) target / WORDS_PER_MINUTE))));
            values.put("words", String.valueOf(target));
            values.put("segments", String.valueOf(count));
            if (unsourced) {
                values.put("topic", request.customFocus());
            } else {
                values.put("focus", request.customFocus() == null ? ""
                        : "Focus the episode on: " + request.customFocus() + ". Give that focus the most minutes.");
                values.put("weights", weightsNote());
                values.put("passages", Passages.list(passages.selected()));
            }
            int expected = count;
            record Outline(String title, List<SegmentDraft> segments) {
            }
            Outline outline = StructuredOutput.ask(model, call(Prompts.fill(
                    prompts.task(unsourced ? "outline_topic" : "outline"), values),
                    "podcast_outline", OUTLINE_SCHEMA, 4_000), usage, json -> {
                JsonNode list = json.path("segments");
                if (!list.isArray() || list.isEmpty()) {
                    throw new StructuredOutput.Unusable("'segments' must be a non-empty array");
                }
                List<SegmentDraft> drafts = new ArrayList<>();
                for (JsonNode s : list) {
                    String segmentTitle = s.path("title").asText("").strip();
                    List<String> points = new ArrayList<>();
                    Set<Integer> cites = new TreeSet<>();
                    for (JsonNode p : s.path("points")) {
                        String point = p.path("point").asText("").strip();
                        if (!point.isEmpty()) {
                            points.add(point);
                        }
                        p.path("cites").forEach(c -> {
                            if (c.canConvertToInt() && passages.all().containsKey(c.asInt())) {
                                cites.add(c.asInt());
                            }
                        });
                    }
                    if (segmentTitle.isEmpty() || points.isEmpty()) {
                        throw new StructuredOutput.Unusable("every segment needs a title and at least one point");
                    }
                    drafts.add(new SegmentDraft(segmentTitle, Math.max(0.1, s.path("minutes").asDouble(1)), points,
                            cites));
                }
                return new Outline(json.path("title").asText("").strip(), drafts);
            });
            segments = outline.segments();
            title = outline.title().isEmpty() ? segments.getFirst().title : outline.title();
            LOG.debug("Outline of {} segments (asked for {})", segments.size(), expected);
        }

        private List<Turn> dialogue(int index, SegmentDraft segment, List<String> said, int target) {
            double totalMinutes = segments.stream().mapToDouble(s -> s.minutes).sum();
            int words = Math.max(40, (int) Math.round(target * segment.minutes / totalMinutes));
            Map<String, String> values = common();
            values.put("segment_number", String.valueOf(index + 1));
            values.put("segment_count", String.valueOf(segments.size()));
            values.put("segment_title", segment.title);
            values.put("segment_words", String.valueOf(words));
            values.put("position", position(index));
            values.put("points", "- " + String.join("\n- ", segment.points));
            values.put("summary", said.isEmpty() ? "(nothing yet: this is the opening)" : String.join("\n", said));
            values.put("passages", unsourced ? NO_PASSAGES : Passages.list(passagesFor(segment.cites)));
            return StructuredOutput.ask(model, call(Prompts.fill(prompts.task("dialogue"), values), "podcast_dialogue",
                    TURNS_SCHEMA, outputTokens(words)), usage, this::readTurns);
        }

        private String position(int index) {
            if (segments.size() == 1) {
                return "It is the whole episode: the first speaker opens with a short greeting and closes with a "
                        + "short sign-off.";
            }
            if (index == 0) {
                return "It opens the episode: the first speaker greets the listeners and introduces the topic.";
            }
            if (index == segments.size() - 1) {
                return "It closes the episode: end with a short recap and the first speaker's sign-off.";
            }
            return "It continues the conversation: no greeting and no sign-off; start with a transition.";
        }

        private List<Turn> readTurns(JsonNode json) {
            JsonNode list = json.path("turns");
            if (!list.isArray() || list.isEmpty()) {
                throw new StructuredOutput.Unusable("'turns' must be a non-empty array");
            }
            List<Turn> turns = new ArrayList<>();
            for (JsonNode t : list) {
                turns.add(readTurn(t));
            }
            return turns;
        }

        /** A turn as the model wrote it; framing turns lose any citation, unknown ids are dropped. */
        private Turn readTurn(JsonNode t) {
            String speaker = speaker(t.path("speaker").asText(""));
            String text = t.path("text").asText("").strip();
            if (text.isEmpty()) {
                throw new StructuredOutput.Unusable("a turn has no text");
            }
            boolean framing = unsourced
                    || "framing".equals(t.path("kind").asText("fact").toLowerCase(Locale.ROOT)) && !text.matches(".*\\d.*");
            List<Integer> cites = new ArrayList<>();
            if (!framing) {
                t.path("cites").forEach(c -> {
                    if (c.canConvertToInt() && !cites.contains(c.asInt())) {
                        cites.add(c.asInt());
                    }
                });
                // Kept as written for the check: an id that does not exist fails the turn unless others remain.
                cites.replaceAll(id -> passages.all().containsKey(id) ? id : -id);
            }
            return new Turn(speaker, text, framing ? List.of() : cites.isEmpty() ? List.of(0) : cites);
        }

        private String speaker(String name) {
            String wanted = name.strip();
            for (String s : speakers) {
                if (s.equalsIgnoreCase(wanted)) {
                    return s;
                }
            }
            throw new StructuredOutput.Unusable("speaker '" + wanted + "' is not one of " + speakers);
        }

        /**
         * Checks every fact-stating turn; the failing ones are rewritten in one call and checked again, and those
         * that still fail are dropped. Turns marked framing carry no citation. Ids that do not exist are removed.
         */
        private void verifyAll() {
            Map<int[], Turn> failing = new LinkedHashMap<>();
            Map<int[], String> problems = new LinkedHashMap<>();
            for (int s = 0; s < segments.size(); s++) {
                List<Turn> turns = segments.get(s).turns;
                for (int t = 0; t < turns.size(); t++) {
                    Optional<String> problem = problem(turns.get(t));
                    if (problem.isPresent()) {
                        int[] at = {s, t};
                        failing.put(at, turns.get(t));
                        problems.put(at, problem.get());
                    }
                }
            }
            Map<int[], Turn> rewritten = failing.isEmpty() ? Map.of() : rewrite(failing, problems);
            for (int s = 0; s < segments.size(); s++) {
                List<Turn> kept = new ArrayList<>();
                List<Turn> turns = segments.get(s).turns;
                for (int t = 0; t < turns.size(); t++) {
                    Turn turn = turns.get(t);
                    Turn replacement = null;
                    boolean failed = false;
                    for (Map.Entry<int[], Turn> f : failing.entrySet()) {
                        if (f.getKey()[0] == s && f.getKey()[1] == t) {
                            failed = true;
                            replacement = rewritten.get(f.getKey());
                        }
                    }
                    if (!failed) {
                        kept.add(clean(turn));
                    } else if (replacement != null && problem(replacement).isEmpty()) {
                        kept.add(clean(replacement));
                    } else {
                        LOG.info("Dropped an ungrounded turn of segment '{}': {}", segments.get(s).title,
                                StructuredOutput.abbreviate(turn.text(), 120));
                    }
                }
                segments.get(s).turns = kept;
            }
        }

        private Optional<String> problem(Turn turn) {
            if (turn.cites().isEmpty()) {
                return Optional.empty(); // framing
            }
            List<Integer> known = turn.cites().stream().filter(id -> id > 0).toList();
            return GroundingVerifier.problem(turn.text(), known, passages.all(), sameLanguage);
        }

        /** Without the markers for ids that do not exist. */
        private Turn clean(Turn turn) {
            return new Turn(turn.speaker(), turn.text(), turn.cites().stream().filter(id -> id > 0).toList());
        }

        private Map<int[], Turn> rewrite(Map<int[], Turn> failing, Map<int[], String> problems) {
            StringBuilder list = new StringBuilder();
            Set<Integer> cited = new TreeSet<>();
            List<int[]> order = new ArrayList<>(failing.keySet());
            for (int i = 0; i < order.size(); i++) {
                Turn turn = failing.get(order.get(i));
                list.append("index ").append(i).append(" — ").append(turn.speaker()).append(" (cites ")
                        .append(turn.cites().stream().filter(id -> id > 0).toList()).append("; problem: ")
                        .append(problems.get(order.get(i))).append("): ").append(turn.text()).append('\n');
                turn.cites().stream().filter(id -> id > 0).forEach(cited::add);
                cited.addAll(segments.get(order.get(i)[0]).cites);
            }
            Map<String, String> values = common();
            values.put("turns", list.toString().strip());
            values.put("passages", Passages.list(passagesFor(cited)));
            int words = failing.values().stream().mapToInt(t -> wordCount(t.text())).sum();
            Map<int[], Turn> out = new LinkedHashMap<>();
            StructuredOutput.ask(model, call(Prompts.fill(prompts.task("rewrite"), values), "rewritten_turns",
                    REWRITE_SCHEMA, outputTokens(words)), usage, json -> {
                JsonNode turns = json.path("turns");
                if (!turns.isArray()) {
                    throw new StructuredOutput.Unusable("'turns' must be an array");
                }
                out.clear();
                for (JsonNode t : turns) {
                    int index = t.path("index").asInt(-1);
                    if (index >= 0 && index < order.size()) {
                        out.put(order.get(index), readTurn(t));
                    }
                }
                return out;
            });
            return out;
        }

        /** Asks the model to expand or cut the segments furthest from their share of {@code target}. */
        private void adjust(int target) {
            adjustments++;
            int current = words();
            double totalMinutes = segments.stream().mapToDouble(s -> s.minutes).sum();
            List<Integer> chosen = new ArrayList<>();
            Map<Integer, Integer> goals = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                int goal = (int) Math.round(target * segments.get(i).minutes / totalMinutes);
                goals.put(i, goal);
            }
            // The segments off by most, until they cover the whole difference.
            List<Integer> byGap = new ArrayList<>(goals.keySet());
            byGap.sort((a, b) -> Integer.compare(Math.abs(goals.get(b) - segments.get(b).words()),
                    Math.abs(goals.get(a) - segments.get(a).words())));
            int difference = target - current;
            int covered = 0;
            for (int i : byGap) {
                int gap = goals.get(i) - segments.get(i).words();
                if (Integer.signum(gap) != Integer.signum(difference) || gap == 0) {
                    continue;
                }
                chosen.add(i);
                covered += gap;
                if (Math.abs(covered) >= Math.abs(difference)) {
                    break;
                }
            }
            if (chosen.isEmpty()) {
                return;
            }
            // Whatever the chosen segments do not cover is spread over them.
            int rest = difference - covered;
            StringBuilder list = new StringBuilder();
            Set<Integer> cited = new TreeSet<>();
            Map<Integer, Integer> wanted = new LinkedHashMap<>();
            for (int i : chosen) {
                SegmentDraft segment = segments.get(i);
                int want = Math.max(40, segment.words() + (goals.get(i) - segment.words()) + rest / chosen.size());
                wanted.put(i, want);
                list.append("Segment ").append(i).append(" \"").append(segment.title).append("\": now ")
                        .append(segment.words()).append(" words, rewrite it to ").append(want).append(" words.\n");
                segment.turns.forEach(t -> list.append("  ").append(t.speaker()).append(" (cites ")
                        .append(t.cites()).append("): ").append(t.text()).append('\n'));
                cited.addAll(segment.cites);
                segment.turns.forEach(t -> cited.addAll(t.cites()));
            }
            boolean longer = difference > 0;
            if (longer) {
                // More material to draw on: the passages next to the ones already used.
                new ArrayList<>(cited).forEach(id -> {
                    for (int d = -3; d <= 3; d++) {
                        if (passages.all().containsKey(id + d)) {
                            cited.add(id + d);
                        }
                    }
                });
            }
            Map<String, String> values = common();
            values.put("direction", longer ? "too short" : "too long");
            values.put("current_words", String.valueOf(current));
            values.put("target_words", String.valueOf(target));
            values.put("how", longer ? "adding detail, examples and questions drawn from the passages"
                    : "keeping the most important points and cutting the rest");
            values.put("segments", list.toString().strip());
            values.put("passages", unsourced ? NO_PASSAGES : Passages.list(passagesFor(cited)));
            int outWords = wanted.values().stream().mapToInt(Integer::intValue).sum();
            Map<Integer, List<Turn>> replaced = StructuredOutput.ask(model, call(
                    Prompts.fill(prompts.task("adjust"), values), "adjusted_segments", ADJUST_SCHEMA,
                    outputTokens(outWords)), usage, json -> {
                JsonNode list2 = json.path("segments");
                if (!list2.isArray() || list2.isEmpty()) {
                    throw new StructuredOutput.Unusable("'segments' must be a non-empty array");
                }
                Map<Integer, List<Turn>> out = new LinkedHashMap<>();
                for (JsonNode s : list2) {
                    int index = s.path("index").asInt(-1);
                    if (wanted.containsKey(index)) {
                        out.put(index, readTurns(s));
                    }
                }
                return out;
            });
            replaced.forEach((i, turns) -> {
                List<Turn> kept = new ArrayList<>();
                for (Turn t : turns) {
                    if (problem(t).isEmpty()) {
                        kept.add(clean(t));
                    }
                }
                if (!kept.isEmpty()) {
                    segments.get(i).turns = kept;
                }
            });
        }

        /** The script at about {@code target} words: whole turns cut from the longest segments when it is over. */
        private Script assemble(int target) {
            List<List<Turn>> perSegment = new ArrayList<>();
            segments.forEach(s -> perSegment.add(new ArrayList<>(s.turns)));
            int words = words();
            int ceiling = (int) Math.floor(target * (1 + FIT_TOLERANCE));
            while (words > ceiling) {
                int longest = -1;
                int most = 0;
                for (int i = 0; i < perSegment.size(); i++) {
                    int w = perSegment.get(i).stream().mapToInt(t -> wordCount(t.text())).sum();
                    if (perSegment.get(i).size() > 3 && w > most) {
                        most = w;
                        longest = i;
                    }
                }
                if (longest < 0) {
                    break;
                }
                // Keep a segment's opening and closing turns; cut the longest turn in between that keeps us near.
                List<Turn> turns = perSegment.get(longest);
                int cut = -1;
                int best = Integer.MAX_VALUE;
                for (int t = 1; t < turns.size() - 1; t++) {
                    int after = words - wordCount(turns.get(t).text());
                    int distance = Math.abs(after - target);
                    if (distance < best) {
                        best = distance;
                        cut = t;
                    }
                }
                if (cut < 0 || Math.abs(words - target) <= best) {
                    break;
                }
                words -= wordCount(turns.remove(cut).text());
            }
            List<Turn> turns = new ArrayList<>();
            List<Segment> chapters = new ArrayList<>();
            for (int i = 0; i < perSegment.size(); i++) {
                if (!perSegment.get(i).isEmpty()) {
                    chapters.add(new Segment(segments.get(i).title, turns.size()));
                    turns.addAll(perSegment.get(i));
                }
            }
            if (turns.isEmpty()) {
                throw new PipelineException(FailureCode.LLM_BAD_OUTPUT, model.name()
                        + " wrote no turn that passed the fact check");
            }
            Set<Integer> citedIds = new TreeSet<>();
            turns.forEach(t -> citedIds.addAll(t.cites()));
            List<Passage> cited = citedIds.stream().map(passages.all()::get).toList();
            Authorship authorship = new Authorship(Authorship.LLM, model.name(), null, usage.promptTokens(),
                    usage.completionTokens(), usage.calls());
            return new Script(title, style.id(), turns, chapters, false, cited, authorship);
        }

        private List<Passage> passagesFor(Set<Integer> ids) {
            Set<Integer> wanted = new TreeSet<>();
            for (int id : ids) {
                for (int d = -1; d <= 1; d++) {
                    if (passages.all().containsKey(id + d)) {
                        wanted.add(id + d);
                    }
                }
            }
            if (wanted.size() < 5) {
                // Too little to write from (or nothing cited): the passages the outline saw, best first by position.
                passages.selected().stream().limit(40).forEach(p -> wanted.add(p.id()));
            }
            int budget = Math.max(1_000, model.contextTokens() / 2);
            List<Passage> out = new ArrayList<>();
            int used = 0;
            for (int id : wanted) {
                Passage p = passages.all().get(id);
                used += Passages.tokens(p.text());
                if (used > budget) {
                    break;
                }
                out.add(p);
            }
            return out;
        }

        private Map<String, String> common() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("language", request.language() == null ? "en" : request.language());
            return values;
        }

        private String weightsNote() {
            if (request.sourceWeights().isEmpty()) {
                return "";
            }
            StringBuilder note = new StringBuilder(", and weigh the sources as the listener asked: ");
            request.sourceWeights().forEach((origin, weight) -> note.append(origin).append(" × ").append(weight)
                    .append("; "));
            return note.toString().replaceAll("; $", "");
        }

        private LlmCall call(String user, String schemaName, JsonObjectSchema schema, int maxOutputTokens) {
            Map<String, String> values = common();
            values.put("style_guidance", prompts.style(style.id()));
            values.put("speakers", speakerLines());
            return new LlmCall(Prompts.fill(prompts.task(unsourced ? "system_topic" : "system"), values), user, schemaName, schema,
                    request.seed(), maxOutputTokens);
        }

        private String speakerLines() {
            StringBuilder out = new StringBuilder();
            for (String name : speakers) {
                SpeakerProfile profile = request.profiles().stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElse(null);
                out.append("- ").append(name);
                if (profile != null && profile.role() != null) {
                    out.append(", ").append(profile.role());
                }
                if (profile != null && profile.persona() != null) {
                    out.append(": ").append(profile.persona());
                }
                out.append('\n');
            }
            return out.toString().strip();
        }
    }

    /** What the passages placeholders hold for a topic-only script. */
    private static final String NO_PASSAGES = "(none: this episode has no sources; speak from general knowledge and "
            + "cite nothing)";

    private int outputTokens(int words) {
        return Math.clamp(words * 3L + 600, 1_000, Math.max(1_000, model.contextTokens() / 2));
    }

    static int wordCount(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    // JSON schemas of the answers (strict: every property required, no others).

    private static final JsonObjectSchema TURN = JsonObjectSchema.builder()
            .addStringProperty("speaker", "one of the speakers' names")
            .addProperty("kind", JsonEnumSchema.builder().enumValues("fact", "framing").build())
            .addStringProperty("text", "what the speaker says")
            .addProperty("cites", JsonArraySchema.builder().items(new JsonIntegerSchema())
                    .description("ids of the passages a fact turn rests on; empty for framing").build())
            .required("speaker", "kind", "text", "cites")
            .additionalProperties(false)
            .build();

    static final JsonObjectSchema TURNS_SCHEMA = JsonObjectSchema.builder()
            .addProperty("turns", JsonArraySchema.builder().items(TURN).build())
            .required("turns").additionalProperties(false).build();

    static final JsonObjectSchema OUTLINE_SCHEMA = JsonObjectSchema.builder()
            .addStringProperty("title")
            .addProperty("segments", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addStringProperty("title")
                    .addProperty("minutes", new JsonNumberSchema())
                    .addProperty("points", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                            .addStringProperty("point")
                            .addProperty("cites", JsonArraySchema.builder().items(new JsonIntegerSchema()).build())
                            .required("point", "cites").additionalProperties(false).build()).build())
                    .required("title", "minutes", "points").additionalProperties(false).build()).build())
            .required("title", "segments").additionalProperties(false).build();

    static final JsonObjectSchema REWRITE_SCHEMA = JsonObjectSchema.builder()
            .addProperty("turns", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addIntegerProperty("index")
                    .addStringProperty("speaker")
                    .addProperty("kind", JsonEnumSchema.builder().enumValues("fact", "framing").build())
                    .addStringProperty("text")
                    .addProperty("cites", JsonArraySchema.builder().items(new JsonIntegerSchema()).build())
                    .required("index", "speaker", "kind", "text", "cites").additionalProperties(false).build())
                    .build())
            .required("turns").additionalProperties(false).build();

    static final JsonObjectSchema ADJUST_SCHEMA = JsonObjectSchema.builder()
            .addProperty("segments", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addIntegerProperty("index")
                    .addProperty("turns", JsonArraySchema.builder().items(TURN).build())
                    .required("index", "turns").additionalProperties(false).build()).build())
            .required("segments").additionalProperties(false).build();
}
