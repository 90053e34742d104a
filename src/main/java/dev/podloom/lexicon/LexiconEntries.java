package dev.podloom.lexicon;

import dev.podloom.pipeline.Pronunciation;
import dev.podloom.web.JsonBody;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks lexicon entries ({@code [{term, say_as} | {term, ipa}]}) and merges two lists of them. */
public final class LexiconEntries {

    public static final int MAX_ENTRIES = 500;
    static final int MAX_TERM = 100;
    static final int MAX_PRONUNCIATION = 200;
    /** No markup or phoneme brackets may reach an engine through an entry. */
    private static final Pattern UNSAFE = Pattern.compile("[\\[\\]<>&{}\\\\\"]");

    private LexiconEntries() {
    }

    /** The entries in {@code field}, each problem recorded on {@code json} under its own path. */
    public static List<Pronunciation> parse(JsonBody json, String field) {
        JsonNode array = json.array(field).orElse(null);
        if (array == null) {
            return List.of();
        }
        if (array.size() > MAX_ENTRIES) {
            json.reject(field, "must hold at most " + MAX_ENTRIES + " entries");
            return List.of();
        }
        List<Pronunciation> entries = new ArrayList<>();
        Set<String> terms = new java.util.HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode e = array.get(i);
            if (!e.isObject()) {
                json.reject(path, "must be an object like {\"term\":\"Podloom\",\"say_as\":\"pod loom\"}");
                continue;
            }
            for (Map.Entry<String, JsonNode> f : e.entries()) {
                if (!Set.of("term", "say_as", "ipa").contains(f.getKey())) {
                    json.reject(path + "." + f.getKey(), "is not a known field (use term, say_as or ipa)");
                }
            }
            String term = text(json, e, path + ".term", MAX_TERM);
            String sayAs = text(json, e, path + ".say_as", MAX_PRONUNCIATION);
            String ipa = text(json, e, path + ".ipa", MAX_PRONUNCIATION);
            if (term == null) {
                json.reject(path + ".term", "is required");
                continue;
            }
            if (!term.codePoints().anyMatch(Character::isLetterOrDigit)) {
                json.reject(path + ".term", "must contain a letter or digit");
                continue;
            }
            if ((sayAs == null) == (ipa == null)) {
                json.reject(path, "give exactly one of say_as or ipa");
                continue;
            }
            if (!terms.add(term.toLowerCase(Locale.ROOT))) {
                json.reject(path + ".term", "repeats another entry's term");
                continue;
            }
            entries.add(new Pronunciation(term, sayAs, ipa));
        }
        return List.copyOf(entries);
    }

    /** The account's entries with the request's on top: a request entry replaces one of the same term. */
    public static List<Pronunciation> merge(List<Pronunciation> account, List<Pronunciation> request) {
        Map<String, Pronunciation> byTerm = new LinkedHashMap<>();
        account.forEach(p -> byTerm.put(p.term().toLowerCase(Locale.ROOT), p));
        request.forEach(p -> byTerm.put(p.term().toLowerCase(Locale.ROOT), p));
        return List.copyOf(byTerm.values());
    }

    private static String text(JsonBody json, JsonNode object, String path, int max) {
        JsonNode v = object.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString() || v.getStringValue().isBlank() || v.getStringValue().length() > max) {
            json.reject(path, "must be a non-empty string of at most " + max + " characters");
            return null;
        }
        String s = v.getStringValue().strip();
        if (UNSAFE.matcher(s).find()) {
            json.reject(path, "must not contain brackets, braces, quotes, backslashes, < > or &");
            return null;
        }
        return s;
    }
}
