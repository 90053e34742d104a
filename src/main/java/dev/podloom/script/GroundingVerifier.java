package dev.podloom.script;

import dev.podloom.pipeline.Passage;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a fact-stating turn rests on the passages it cites: the ids exist, every number it says appears in
 * them, and (when the podcast speaks the sources' language) it shares content words with them. Pure.
 */
final class GroundingVerifier {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "in", "that", "for", "it",
            "with", "as", "are", "was", "on", "by", "this", "be", "from", "at", "or");

    private GroundingVerifier() {
    }

    /** Why the turn is not grounded, or empty when it is; {@code cites} must already hold only known ids. */
    static Optional<String> problem(String text, List<Integer> cites, Map<Integer, Passage> passages,
                                    boolean sameLanguage) {
        if (cites.isEmpty()) {
            return Optional.of("it states a fact but cites no existing passage");
        }
        StringBuilder cited = new StringBuilder();
        cites.forEach(id -> cited.append(passages.get(id).text()).append(' '));
        String sources = cited.toString();
        Set<String> sourceNumbers = numbers(sources);
        for (String number : numbers(text)) {
            if (!sourceNumbers.contains(number)) {
                return Optional.of("it says " + number + ", which is not in the passages it cites");
            }
        }
        if (sameLanguage) {
            Set<String> said = SourceAnalysis.terms(text);
            Set<String> shared = new HashSet<>(said);
            shared.retainAll(SourceAnalysis.terms(sources));
            if (!said.isEmpty() && shared.size() < Math.min(2, said.size())) {
                return Optional.of("it shares almost no words with the passages it cites");
            }
        }
        return Optional.empty();
    }

    /** Whether a podcast in {@code language} speaks the language the passages are written in. */
    static boolean sameLanguage(String language, List<Passage> passages) {
        boolean podcastEnglish = language == null || language.isBlank()
                || language.toLowerCase(java.util.Locale.ROOT).startsWith("en");
        return podcastEnglish == looksEnglish(passages);
    }

    private static boolean looksEnglish(List<Passage> passages) {
        int words = 0;
        int common = 0;
        for (Passage p : passages.subList(0, Math.min(passages.size(), 50))) {
            for (String w : p.text().toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
                if (!w.isEmpty()) {
                    words++;
                    common += ENGLISH.contains(w) ? 1 : 0;
                }
            }
        }
        return words > 0 && common >= words * 0.12;
    }

    /** Numbers as written, with separators removed so "1,200" and "1200" match. */
    private static Set<String> numbers(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String n = m.group().replaceAll("[.,](?=\\d{3}(?:\\D|$))", "");
            numbers.add(n.replace(',', '.'));
        }
        return numbers;
    }
}
