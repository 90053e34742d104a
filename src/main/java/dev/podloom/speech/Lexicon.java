package dev.podloom.speech;

import dev.podloom.pipeline.Pronunciation;
import dev.podloom.pipeline.SpeechSynthesizer.PhonemeInput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies pronunciation entries to a turn's text before it goes to an engine: phonemes where the engine takes
 * them (eSpeak NG {@code [[…]]}, SSML {@code <phoneme>} for Amazon Polly), a respelling elsewhere. Matching is word-boundary aware (letters and digits
 * on either side stop a match, so "SQL" does not match inside "SQLite") and case aware: a term written in lower
 * case, or capitalised only at its start, matches any case; a term with capitals inside ("SQL", "iOS") matches
 * exactly. Longer terms win over shorter ones, and replaced text is not matched again.
 */
public final class Lexicon {

    /** IPA → eSpeak NG phoneme mnemonics (English), longest symbols first. */
    private static final Map<String, String> IPA_TO_ESPEAK = ordered(
            "tʃ", "tS", "dʒ", "dZ", "eɪ", "eI", "aɪ", "aI", "ɔɪ", "OI", "oʊ", "oU", "əʊ", "oU", "aʊ", "aU",
            "ɪə", "i@", "eə", "e@", "ʊə", "U@", "iː", "i:", "uː", "u:", "ɑː", "A:", "ɔː", "O:", "ɜː", "3:",
            "θ", "T", "ð", "D", "ʃ", "S", "ʒ", "Z", "ŋ", "N", "ɹ", "r", "ɾ", "t", "ʔ", "?", "ɡ", "g",
            "i", "i", "ɪ", "I", "e", "e", "ɛ", "E", "æ", "a", "ɑ", "A:", "ɒ", "0", "ɔ", "O:", "ʊ", "U", "u", "u:",
            "ʌ", "V", "ə", "@", "ɝ", "3:", "ɚ", "3", "ˈ", "'", "ˌ", ",", "ː", ":");

    /** IPA → a plain English respelling, for engines without phoneme input. */
    private static final Map<String, String> IPA_TO_RESPELLING = ordered(
            "tʃ", "ch", "dʒ", "j", "eɪ", "ay", "aɪ", "eye", "ɔɪ", "oy", "oʊ", "oh", "əʊ", "oh", "aʊ", "ow",
            "ɪə", "eer", "eə", "air", "ʊə", "oor", "iː", "ee", "uː", "oo", "ɑː", "ah", "ɔː", "aw", "ɜː", "er",
            "θ", "th", "ð", "th", "ʃ", "sh", "ʒ", "zh", "ŋ", "ng", "ɹ", "r", "ɾ", "t", "ʔ", "", "ɡ", "g", "j", "y",
            "i", "ee", "ɪ", "i", "e", "e", "ɛ", "e", "æ", "a", "ɑ", "ah", "ɒ", "o", "ɔ", "aw", "ʊ", "u", "u", "oo",
            "ʌ", "u", "ə", "uh", "ɝ", "er", "ɚ", "er", "ˈ", "", "ˌ", "", "ː", "", ".", "");

    private Lexicon() {
    }

    /** {@code text} with each entry's term replaced by what {@code input} lets the engine take. */
    public static String apply(String text, List<Pronunciation> entries, PhonemeInput input) {
        if (entries == null || entries.isEmpty() || text.isEmpty()) {
            return text;
        }
        List<Pronunciation> byLength = new ArrayList<>(entries);
        byLength.sort(Comparator.comparingInt((Pronunciation p) -> p.term().length()).reversed());
        StringBuilder alternation = new StringBuilder();
        for (Pronunciation p : byLength) {
            if (!alternation.isEmpty()) {
                alternation.append('|');
            }
            String quoted = Pattern.quote(p.term().strip());
            alternation.append(exactCase(p.term()) ? quoted : "(?iu:" + quoted + ")");
        }
        Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternation + ")(?![\\p{L}\\p{N}])");
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Pronunciation entry = entryFor(m.group(), byLength);
            m.appendReplacement(out, Matcher.quoteReplacement(input == PhonemeInput.SSML
                    ? ssml(entry, m.group()) : spoken(entry, input)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String spoken(Pronunciation entry, PhonemeInput input) {
        if (entry.ipa() != null && !entry.ipa().isBlank()) {
            return input == PhonemeInput.ESPEAK ? "[[" + convert(entry.ipa(), IPA_TO_ESPEAK) + "]]"
                    : convert(entry.ipa(), IPA_TO_RESPELLING);
        }
        return entry.sayAs();
    }

    /**
     * An entry as an SSML fragment around the words it matched: IPA as {@code <phoneme alphabet="ipa" ph="…">},
     * a respelling as {@code <sub alias="…">}. Attribute values and text are XML-escaped.
     */
    static String ssml(Pronunciation entry, String matched) {
        if (entry.ipa() != null && !entry.ipa().isBlank()) {
            String ipa = entry.ipa().strip().replaceAll("^[/\\[]|[/\\]]$", "").strip();
            return "<phoneme alphabet=\"ipa\" ph=\"" + xml(ipa) + "\">" + xml(matched) + "</phoneme>";
        }
        return "<sub alias=\"" + xml(entry.sayAs()) + "\">" + xml(matched) + "</sub>";
    }

    /** Text or an attribute value escaped for XML. */
    public static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a term matches only in its own case: capitals after its first character ("SQL", "iOS"). */
    static boolean exactCase(String term) {
        String rest = term.strip().length() > 1 ? term.strip().substring(1) : "";
        return !rest.equals(rest.toLowerCase(Locale.ROOT));
    }

    private static Pronunciation entryFor(String matched, List<Pronunciation> byLength) {
        for (Pronunciation p : byLength) {
            String term = p.term().strip();
            if (exactCase(term) ? term.equals(matched) : term.equalsIgnoreCase(matched)) {
                return p;
            }
        }
        throw new IllegalStateException("no entry for " + matched);
    }

    private static String convert(String ipa, Map<String, String> table) {
        String s = ipa.strip().replaceAll("^[/\\[]|[/\\]]$", "");
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < s.length()) {
            for (Map.Entry<String, String> e : table.entrySet()) {
                if (s.startsWith(e.getKey(), i)) {
                    out.append(e.getValue());
                    i += e.getKey().length();
                    continue outer;
                }
            }
            char c = s.charAt(i++);
            if (c < 128 && (Character.isLetter(c) || c == ' ')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        // Longest symbols first, so "tʃ" wins over "t".
        Map<String, String> sorted = new LinkedHashMap<>();
        map.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
