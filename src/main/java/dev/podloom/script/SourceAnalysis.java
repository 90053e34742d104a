package dev.podloom.script;

import dev.podloom.pipeline.SourceDocument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The sources cut into candidate sentences, grouped by section and ranked: TextRank centrality over a TF-IDF cosine
 * graph, boosted for leads, focus terms and source weights. Independent of style and budget, so it is computed once
 * per set of sources while the writer searches for the right length.
 *
 * @param sentences candidates in source order (a sentence's index is its id)
 * @param groups    sections that hold at least one candidate, in source order
 * @param ranked    sentence ids, best first
 * @param documentFrequency per term (stemmed), how many sentences hold it: what makes a term "key"
 */
record SourceAnalysis(String title, List<Sentence> sentences, List<Group> groups, int[] ranked,
                      Map<String, Integer> documentFrequency) {

    /** A sentence as it will be spoken, and the group it belongs to. */
    record Sentence(String text, int words, int group) {
    }

    /**
     * A section of one source and its candidate sentence ids in source order.
     *
     * @param title   the chapter title: the section heading, else the source's title
     * @param heading the section's own heading, null for text before the first heading
     */
    record Group(String title, String heading, int[] sentenceIds) {
    }

    private static final int MIN_WORDS = 4;
    private static final int MAX_WORDS = 80;
    private static final double DAMPING = 0.85;
    private static final int ITERATIONS = 30;
    /** Above this many sentences the n² similarity graph gives way to a linear centroid score. */
    private static final int MAX_GRAPH_SIZE = 1500;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern HAS_LETTER = Pattern.compile("\\p{L}");
    /** Openings that lean on the previous sentence; heard without it, they refer to nothing. */
    private static final Pattern LEANS_ON_CONTEXT = Pattern.compile(
            "^(?:It|Its|This|These|That|Those|They|Their|He|His|She|Her|However|But|And|So|Also|Even so|Such|"
                    + "Both|Together|Within|Whatever)\\b");
    private static final double CONTEXT_PENALTY = 0.7;
    /**
     * Inline code a listener cannot follow when it is read out: references and generics ({@code &T},
     * {@code &mut T}, {@code Vec<T>}), paths ({@code a::b}), calls ({@code clone()}), snake_case and camelCase
     * identifiers, lifetimes ({@code 'a}). Each such token costs {@link #CODE_PENALTY} of the sentence's score per
     * word of the sentence, so a short sentence built around an identifier drops further than a long prose one
     * that mentions it once.
     */
    private static final Pattern CODE_TOKEN = Pattern.compile(
            "(?<![\\w&])&(?:mut\\s+)?(?=[\\p{L}_'])|\\b[\\p{L}_][\\w]*<[^<>\\s][^<>]{0,40}>|\\w::\\w|\\w\\(\\)"
                    + "|\\b[\\p{L}\\d]+_[\\p{L}\\d_]+\\b|\\b(?!Mc|Mac)\\p{L}*\\p{Ll}\\p{Lu}\\p{L}*\\b|(?<![\\w'])'\\p{Ll}\\b(?!')");
    private static final double CODE_PENALTY = 5.0;
    private static final double MIN_CODE_FACTOR = 0.25;
    /** Fragments only code has: calls with arguments, paths, statements, comments. */
    private static final Pattern CODE_MARKERS = Pattern.compile(
            "\\w\\([^)]*\\)\\s*[;{]|;\\s*$|\\{\\s*$|^\\s*}|//\\s|\\b(?:let|fn|var|const|def|return)\\s+\\w+\\s*[=(:]|==|!=|->|=>|::\\w+\\(");
    /** Words too general to name what a passage is about. */
    private static final Set<String> WEAK_TERMS = Set.of(
            "because", "every", "first", "many", "same", "thing", "things", "make", "makes", "made", "like", "said",
            "says", "time", "times", "year", "years", "even", "still", "each", "much", "well", "back", "used", "uses",
            "using", "without", "within", "through", "never", "always", "another", "should", "must", "those",
            "people", "part", "took", "take", "takes", "came", "come", "comes", "become", "became", "being", "does",
            "doing", "done", "gets", "give", "gives", "going", "know", "long", "want", "ways", "whole", "across",
            "around", "almost", "already", "rather", "since", "until", "where", "whether", "which", "while",
            "after", "before", "again", "against", "between", "under", "over", "others", "something", "nothing",
            "everything", "anything", "instead", "though", "although", "enough", "here", "there", "three", "four",
            "five", "seven", "eight", "nine", "hundred", "thousand", "million", "billion", "about", "these", "them");
    private static final Set<String> STOPWORDS = Set.of(
            "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
            "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
            "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "more", "most", "much", "my",
            "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out", "over", "she", "so", "some",
            "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
            "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why",
            "will", "with", "would", "you", "your");

    static SourceAnalysis of(List<SourceDocument> sources, String customFocus, Map<String, Double> sourceWeights,
                             String language, SentenceSplitter splitter) {
        List<Sentence> sentences = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        List<Double> leadBoosts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String title = null;
        for (SourceDocument source : sources) {
            double weight = Math.max(0, sourceWeights.getOrDefault(source.origin(), 1.0));
            String sourceTitle = Titles.clean(source.title());
            if (title == null && sourceTitle != null && !sourceTitle.isBlank()) {
                title = sourceTitle.strip();
            }
            boolean firstSectionOfSource = true;
            for (SourceDocument.Section section : source.sections()) {
                List<Integer> ids = new ArrayList<>();
                for (String paragraph : section.paragraphs()) {
                    for (String sentence : splitter.split(TextCleaner.clean(paragraph), language)) {
                        int words = sentence.split("\\s+").length;
                        if (words < MIN_WORDS || words > MAX_WORDS || !HAS_LETTER.matcher(sentence).find()
                                || looksLikeCode(sentence) || !seen.add(sentence)) {
                            continue;
                        }
                        ids.add(sentences.size());
                        sentences.add(new Sentence(sentence, words, groups.size()));
                        leadBoosts.add(ids.size() == 1 ? 0.3 : 0.0);
                        weights.add(weight);
                    }
                }
                if (!ids.isEmpty()) {
                    String heading = section.heading() == null || section.heading().isBlank()
                            ? null : section.heading().strip();
                    String chapter = heading != null ? heading
                            : firstSectionOfSource && sourceTitle != null ? sourceTitle.strip() : null;
                    groups.add(new Group(chapter, heading, ids.stream().mapToInt(Integer::intValue).toArray()));
                }
                firstSectionOfSource = false;
            }
        }
        if (title == null) {
            title = groups.stream().map(Group::title).filter(t -> t != null).findFirst()
                    .orElseGet(() -> sentences.isEmpty() ? "today's topic" : firstWords(sentences.getFirst().text()));
        }
        String fallbackTitle = title;
        List<Group> titled = groups.stream()
                .map(g -> g.title() == null ? new Group(fallbackTitle, null, g.sentenceIds()) : g).toList();
        double[] scores = score(sentences, leadBoosts, weights, focusTerms(customFocus));
        int[] ranked = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        Map<String, Integer> documentFrequency = new HashMap<>();
        sentences.forEach(sentence -> terms(sentence.text()).forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        return new SourceAnalysis(title, List.copyOf(sentences), titled, ranked, Map.copyOf(documentFrequency));
    }

    /**
     * Code that survived extraction (a snippet pasted into a paragraph, a line of a listing) is not a sentence to
     * read aloud: braces, semicolons, operators and call parentheses make up too much of it.
     */
    static boolean looksLikeCode(String sentence) {
        long symbols = sentence.chars().filter(c -> "{}[];=<>|\\$".indexOf(c) >= 0).count();
        boolean codeLike = CODE_MARKERS.matcher(sentence).find();
        return codeLike || symbols >= 3 && symbols * 25 > sentence.length();
    }

    /**
     * The term that best names what the sentences {@code ids} are about, as written in them: frequent in these
     * sentences, rare in the rest of the sources (TF-IDF), at least four letters, not a stopword, and not in
     * {@code avoid} (terms already named) when another term is available. Null when the sentences hold no such term.
     */
    String keyTerm(int[] ids, java.util.Collection<String> avoid) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> surface = new HashMap<>();
        for (int id : ids) {
            String text = sentences.get(id).text();
            String[] tokens = NON_WORD.split(text);
            for (int k = 0; k < tokens.length; k++) {
                String token = tokens[k];
                String lower = token.toLowerCase(Locale.ROOT);
                if (lower.length() < 4 || STOPWORDS.contains(lower) || WEAK_TERMS.contains(lower)
                        || !token.chars().allMatch(Character::isLetter) || lower.endsWith("ly")) {
                    continue;
                }
                String stem = stem(lower);
                counts.merge(stem, 1, Integer::sum);
                // Keep capitals only for names (capitalised mid-sentence), not for a sentence's first word.
                boolean name = Character.isUpperCase(token.charAt(0)) && k > 0;
                surface.merge(stem, name ? token : lower, (old, now) -> old);
            }
        }
        int n = Math.max(1, sentences.size());
        java.util.Set<String> avoided = new HashSet<>();
        avoid.forEach(a -> avoided.add(stem(a.toLowerCase(Locale.ROOT))));
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> avoided.contains(e.getKey()) ? 1 : 0)
                        .thenComparingDouble(e -> -e.getValue()
                                * (Math.log((double) n / documentFrequency.getOrDefault(e.getKey(), 1)) + 1))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> surface.get(e.getKey())).findFirst().orElse(null);
    }

    private static double[] score(List<Sentence> sentences, List<Double> leadBoosts, List<Double> weights,
                                  Set<String> focus) {
        int n = sentences.size();
        List<Set<String>> terms = sentences.stream().map(s -> terms(s.text())).toList();
        double[] centrality = centrality(terms);
        double max = Arrays.stream(centrality).max().orElse(1);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double position = 0.15 * (1 - (double) i / Math.max(1, n));
            double focusBoost = 1;
            if (!focus.isEmpty()) {
                long matched = focus.stream().filter(terms.get(i)::contains).count();
                focusBoost += 2.0 * matched / focus.size();
            }
            double standalone = LEANS_ON_CONTEXT.matcher(sentences.get(i).text()).find() ? CONTEXT_PENALTY : 1;
            scores[i] = centrality[i] / max * (1 + leadBoosts.get(i) + position) * focusBoost * standalone
                    * sayable(sentences.get(i)) * weights.get(i);
        }
        return scores;
    }

    /**
     * How well a sentence survives being read aloud, from 1 (prose) down to {@link #MIN_CODE_FACTOR}: 1 less
     * {@link #CODE_PENALTY} times the share of its words that are inline code.
     */
    static double sayable(Sentence sentence) {
        long code = CODE_TOKEN.matcher(sentence.text()).results().count();
        return Math.max(MIN_CODE_FACTOR, 1 - CODE_PENALTY * code / Math.max(1, sentence.words()));
    }

    /** Sparse TF-IDF vectors: per sentence, its sorted term ids, their weights and the vector's norm. */
    private record TfIdf(int[][] ids, double[][] weights, double[] norms, int termCount) {

        static TfIdf of(List<Set<String>> terms) {
            int n = terms.size();
            Map<String, Integer> termIds = new HashMap<>();
            List<Integer> documentFrequency = new ArrayList<>();
            int[][] ids = new int[n][];
            for (int i = 0; i < n; i++) {
                ids[i] = terms.get(i).stream().mapToInt(t -> {
                    int id = termIds.computeIfAbsent(t, k -> termIds.size());
                    if (id == documentFrequency.size()) {
                        documentFrequency.add(0);
                    }
                    documentFrequency.set(id, documentFrequency.get(id) + 1);
                    return id;
                }).sorted().toArray();
            }
            double[][] weights = new double[n][];
            double[] norms = new double[n];
            for (int i = 0; i < n; i++) {
                weights[i] = new double[ids[i].length];
                for (int k = 0; k < ids[i].length; k++) {
                    double idf = Math.log((double) n / documentFrequency.get(ids[i][k])) + 1;
                    weights[i][k] = idf;
                    norms[i] += idf * idf;
                }
                norms[i] = Math.sqrt(norms[i]);
            }
            return new TfIdf(ids, weights, norms, termIds.size());
        }

        double cosine(int a, int b) {
            return SourceAnalysis.cosine(ids[a], weights[a], norms[a], ids[b], weights[b], norms[b]);
        }
    }

    private static double[] centrality(List<Set<String>> terms) {
        TfIdf vectors = TfIdf.of(terms);
        return terms.size() <= MAX_GRAPH_SIZE ? textRank(vectors) : centroidSimilarity(vectors);
    }

    /** Weighted PageRank over sentence similarity: a sentence is central when it shares vocabulary with many. */
    private static double[] textRank(TfIdf vectors) {
        int n = vectors.ids().length;
        double[][] similarity = new double[n][n];
        double[] outWeight = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = vectors.cosine(i, j);
                similarity[i][j] = s;
                similarity[j][i] = s;
                outWeight[i] += s;
                outWeight[j] += s;
            }
        }
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / Math.max(1, n));
        double[] next = new double[n];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    if (similarity[j][i] > 0) {
                        sum += similarity[j][i] / outWeight[j] * rank[j];
                    }
                }
                next[i] = (1 - DAMPING) / n + DAMPING * sum;
            }
            System.arraycopy(next, 0, rank, 0, n);
        }
        return rank;
    }

    /**
     * For very long sources the quadratic graph is too slow and too big; closeness to the centroid of all
     * sentences is a linear-time stand-in for centrality.
     */
    private static double[] centroidSimilarity(TfIdf vectors) {
        int n = vectors.ids().length;
        double[] centroid = new double[vectors.termCount()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < vectors.ids()[i].length; k++) {
                centroid[vectors.ids()[i][k]] += vectors.weights()[i][k];
            }
        }
        double centroidNorm = Math.sqrt(Arrays.stream(centroid).map(w -> w * w).sum());
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int k = 0; k < vectors.ids()[i].length; k++) {
                dot += vectors.weights()[i][k] * centroid[vectors.ids()[i][k]];
            }
            scores[i] = vectors.norms()[i] == 0 || centroidNorm == 0 ? 0 : dot / (vectors.norms()[i] * centroidNorm);
        }
        return scores;
    }

    private static double cosine(int[] a, double[] wa, double na, int[] b, double[] wb, double nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                dot += wa[i++] * wb[j++];
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return dot / (na * nb);
    }

    static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        for (String token : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (token.length() > 1 && !STOPWORDS.contains(token)) {
                terms.add(stem(token));
            }
        }
        return terms;
    }

    private static Set<String> focusTerms(String customFocus) {
        return customFocus == null || customFocus.isBlank() ? Set.of() : terms(customFocus);
    }

    /** Folds simple English plurals so "tyre" and "tyres" count as one term. */
    private static String stem(String token) {
        if (token.length() > 4 && token.endsWith("ies")) {
            return token.substring(0, token.length() - 3) + "y";
        }
        if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }

    private static String firstWords(String sentence) {
        String[] words = sentence.split("\\s+");
        return String.join(" ", Arrays.copyOf(words, Math.min(words.length, 8)));
    }
}
