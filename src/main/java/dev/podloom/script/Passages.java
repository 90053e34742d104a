package dev.podloom.script;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.Passage;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources as numbered passages (the extractive analysis's sentences, numbered from 1 across the sources), reduced
 * to a token budget: when everything does not fit, the best-ranked sentences of each source are kept, sources taking
 * turns in proportion to their weights, and the kept ones are listed in source order.
 *
 * @param all      every passage, by id (citations are checked against these)
 * @param selected the passages that fit the budget, in source order
 */
record Passages(Map<Integer, Passage> all, List<Passage> selected) {

    /** A rough, provider-independent token estimate: about four characters a token, plus the id and line break. */
    static int tokens(String text) {
        return text.length() / 4 + 4;
    }

    static Passages of(List<SourceDocument> sources, String focus, Map<String, Double> weights, String language,
                       SentenceSplitter splitter, int tokenBudget) {
        Map<Integer, Passage> all = new LinkedHashMap<>();
        List<int[]> rankedPerSource = new ArrayList<>();
        List<Double> sourceWeights = new ArrayList<>();
        int next = 1;
        for (SourceDocument source : sources) {
            SourceAnalysis analysis = SourceAnalysis.of(List.of(source), focus, weights, language, splitter);
            int first = next;
            for (SourceAnalysis.Sentence sentence : analysis.sentences()) {
                all.put(next, new Passage(next, source.origin(), sentence.text()));
                next++;
            }
            int[] ranked = new int[analysis.ranked().length];
            for (int i = 0; i < ranked.length; i++) {
                ranked[i] = first + analysis.ranked()[i];
            }
            rankedPerSource.add(ranked);
            sourceWeights.add(Math.max(0.05, weights.getOrDefault(source.origin(), 1.0)));
        }
        if (all.isEmpty()) {
            throw new PipelineException(FailureCode.NO_READABLE_TEXT, "The sources hold no sentences to talk about");
        }
        int total = all.values().stream().mapToInt(p -> tokens(p.text())).sum();
        if (total <= tokenBudget) {
            return new Passages(all, List.copyOf(all.values()));
        }
        // Weighted round robin over the sources' rankings until the budget is spent.
        List<Passage> kept = new ArrayList<>();
        int[] position = new int[rankedPerSource.size()];
        double[] credit = new double[rankedPerSource.size()];
        int used = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int s = 0; s < rankedPerSource.size(); s++) {
                credit[s] += sourceWeights.get(s);
                while (credit[s] >= 1 && position[s] < rankedPerSource.get(s).length) {
                    credit[s] -= 1;
                    Passage passage = all.get(rankedPerSource.get(s)[position[s]++]);
                    int cost = tokens(passage.text());
                    if (used + cost > tokenBudget) {
                        continue;
                    }
                    used += cost;
                    kept.add(passage);
                    progress = true;
                }
                progress |= position[s] < rankedPerSource.get(s).length && used < tokenBudget;
            }
            if (used >= tokenBudget) {
                break;
            }
        }
        if (kept.isEmpty()) {
            throw new PipelineException(FailureCode.LLM_CONTEXT_TOO_LARGE,
                    "Not one source passage fits the model's context (" + tokenBudget + " tokens for sources)");
        }
        kept.sort(Comparator.comparingInt(Passage::id));
        return new Passages(all, List.copyOf(kept));
    }

    static String list(List<Passage> passages) {
        StringBuilder out = new StringBuilder();
        for (Passage p : passages) {
            out.append(p.id()).append(": ").append(p.text()).append('\n');
        }
        return out.toString().strip();
    }
}
