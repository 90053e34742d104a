package dev.podloom.translations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podloom.pipeline.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure rules of a turn-by-turn translation: how a script's turns are cut into calls, and whether a model's answer
 * keeps the turns it was given (same number, same indexes in the same order, no empty text).
 */
final class TranslationAnswers {

    private TranslationAnswers() {
    }

    /** The model's answer changed the turns: what is wrong, in words the model is shown when asked again. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Consecutive turn indexes, at most {@code maxTurns} and (unless one turn alone is longer) {@code maxChars} of
     * text per batch; every turn in exactly one batch, in order.
     */
    static List<List<Integer>> batches(List<Turn> turns, int maxTurns, int maxChars) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int chars = 0;
        for (int i = 0; i < turns.size(); i++) {
            int length = turns.get(i).text().length();
            if (!current.isEmpty() && (current.size() >= maxTurns || chars + length > maxChars)) {
                batches.add(List.copyOf(current));
                current.clear();
                chars = 0;
            }
            current.add(i);
            chars += length;
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return batches;
    }

    /**
     * The translated texts of {@code expected} (turn indexes), in order, from an answer
     * {@code {"turns":[{"index":i,"text":"…"}]}}.
     *
     * @throws Mismatch when turns were added, dropped, reordered or left empty
     */
    static List<String> turns(JsonNode answer, List<Integer> expected) {
        JsonNode turns = answer.path("turns");
        if (!turns.isArray()) {
            throw new Mismatch("the answer has no \"turns\" list");
        }
        if (turns.size() != expected.size()) {
            throw new Mismatch("you were given " + expected.size() + " turns and answered with " + turns.size()
                    + "; translate each turn separately, never merge, split, add or drop turns");
        }
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            JsonNode turn = turns.get(k);
            int index = turn.path("index").asInt(-1);
            if (index != expected.get(k)) {
                throw new Mismatch("answer turn " + (k + 1) + " has index " + turn.path("index") + " where index "
                        + expected.get(k) + " was expected; keep every turn's index, in the order given");
            }
            String text = turn.path("text").asText("").strip();
            if (text.isEmpty()) {
                throw new Mismatch("turn index " + index + " has no text");
            }
            texts.add(text);
        }
        return texts;
    }

    /**
     * The translated title and chapter titles from {@code {"title":"…","segments":["…"]}}.
     *
     * @throws Mismatch when the number of chapter titles changed or one is empty
     */
    static List<String> titles(JsonNode answer, int segments) {
        String title = answer.path("title").asText("").strip();
        JsonNode list = answer.path("segments");
        if (title.isEmpty()) {
            throw new Mismatch("the answer has no \"title\"");
        }
        if (!list.isArray() || list.size() != segments) {
            throw new Mismatch("you were given " + segments + " chapter titles and answered with "
                    + (list.isArray() ? list.size() : 0) + "; translate each one");
        }
        List<String> out = new ArrayList<>();
        out.add(title);
        for (JsonNode segment : list) {
            String text = segment.asText("").strip();
            if (text.isEmpty()) {
                throw new Mismatch("a chapter title is empty");
            }
            out.add(text);
        }
        return out;
    }
}
