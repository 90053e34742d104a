package dev.podloom.script;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.ScriptWriter;
import dev.podloom.pipeline.SourceDocument;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline default writer: every content line is a sentence taken verbatim from the sources, chosen by rank and
 * laid out in source order, wrapped in framing phrases that assert nothing. Deterministic: the same request always
 * gives the same script. The whole script, framing included, lands within ±5 % of the word budget unless the sources
 * run out.
 */
@Singleton
public class ExtractiveScriptWriter implements ScriptWriter {

    static final double TOLERANCE = 0.05;
    /** Bounds the fill-up search on very long sources; the best fit is nearly always found far earlier. */
    private static final int MAX_FILL_ATTEMPTS = 400;
    private static final int CACHED_ANALYSES = 8;

    private final SentenceSplitter splitter = new SentenceSplitter();
    /** The pipeline calls again with adjusted budgets for the same sources; ranking them once is enough. */
    private final Map<AnalysisKey, SourceAnalysis> analyses = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AnalysisKey, SourceAnalysis> eldest) {
                    return size() > CACHED_ANALYSES;
                }
            });

    private record AnalysisKey(List<SourceDocument> sources, String focus, Map<String, Double> weights,
                               String language) {
    }

    @Override
    public Script write(ScriptRequest request) {
        return toScript(request, draft(request));
    }

    /** The script with each turn's lines still marked as content or framing. */
    Draft draft(ScriptRequest request) {
        PodcastStyle style = style(request.style());
        if (request.targetWords() <= 0) {
            throw new IllegalArgumentException("targetWords must be positive, was " + request.targetWords());
        }
        SourceAnalysis analysis = analysis(request);
        DialogueComposer composer = new DialogueComposer(style, speakers(request.speakers(), style), analysis);
        return fit(composer, analysis.ranked(), request.targetWords());
    }

    private Script toScript(ScriptRequest request, Draft draft) {
        SourceAnalysis analysis = analysis(request);
        long contentLines = draft.turns().stream().flatMap(t -> t.lines().stream()).filter(Draft.Line::content)
                .map(Draft.Line::text).distinct().count();
        boolean exhausted = contentLines == analysis.sentences().size()
                && draft.words() < request.targetWords() * (1 - TOLERANCE);
        return new Script(analysis.title(), style(request.style()).id(),
                draft.turns().stream().map(Draft.DraftTurn::toTurn).toList(), draft.segments(), exhausted);
    }

    /**
     * Takes sentences in rank order: first the longest prefix of the ranking that fits the budget (binary search,
     * since the script only grows as sentences are added), then any further sentence that still fits within the
     * tolerance, until the budget is reached. Larger budgets therefore select supersets of smaller ones.
     */
    private static Draft fit(DialogueComposer composer, int[] ranked, int target) {
        int ceiling = (int) Math.floor(target * (1 + TOLERANCE));
        int low = 1;
        int high = ranked.length;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (composer.compose(prefix(ranked, middle)).words() <= target) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        BitSet selected = prefix(ranked, low);
        Draft best = composer.compose(selected);
        int attempts = 0;
        for (int i = low; i < ranked.length && best.words() < target && attempts < MAX_FILL_ATTEMPTS; i++) {
            attempts++;
            selected.set(ranked[i]);
            Draft candidate = composer.compose(selected);
            if (candidate.words() <= ceiling) {
                best = candidate;
            } else {
                selected.clear(ranked[i]);
            }
        }
        return best;
    }

    private static BitSet prefix(int[] ranked, int length) {
        BitSet selected = new BitSet();
        for (int i = 0; i < length; i++) {
            selected.set(ranked[i]);
        }
        return selected;
    }

    private SourceAnalysis analysis(ScriptRequest request) {
        AnalysisKey key = new AnalysisKey(request.sources(), request.customFocus(), request.sourceWeights(),
                request.language());
        SourceAnalysis analysis = analyses.computeIfAbsent(key, k -> SourceAnalysis.of(k.sources(), k.focus(),
                k.weights(), k.language(), splitter));
        if (analysis.sentences().isEmpty()) {
            throw new PipelineException(FailureCode.NO_READABLE_TEXT, "The sources hold no sentences to build a script from");
        }
        return analysis;
    }

    private static PodcastStyle style(String id) {
        if (id == null || id.isBlank()) {
            return PodcastStyle.DEEP_DIVE;
        }
        return PodcastStyle.byId(id).orElseThrow(() -> new PipelineException(FailureCode.INVALID_REQUEST,
                "Unknown podcast style '" + id + "'; expected one of " + PodcastStyle.ids()));
    }

    /** The requested names, host first, topped up with defaults when the style needs more voices than given. */
    static List<String> speakers(List<String> requested, PodcastStyle style) {
        List<String> names = new ArrayList<>();
        for (String name : requested) {
            if (name != null && !name.isBlank() && !names.contains(name.strip()) && names.size() < style.voices()) {
                names.add(name.strip());
            }
        }
        List<String> defaults = style == PodcastStyle.INTERVIEW ? List.of("Host", "Guest") : List.of("Host", "Co-host");
        for (int i = names.size(); i < style.voices(); i++) {
            String fallback = defaults.get(i);
            names.add(names.contains(fallback) ? fallback + " " + (i + 1) : fallback);
        }
        return names;
    }
}
