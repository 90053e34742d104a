package dev.podloom.podcasts;

import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a revision, as pure functions: the revised script (edits applied to the podcast's turns, or a whole
 * edited dialogue), the turns it must re-speak and the minutes they take, which is what a revision is priced on.
 * A turn is re-spoken when no turn of the revised podcast had the same speaker and text: every other turn's audio
 * is already in the synthesis cache.
 */
final class RevisionPlan {

    /** Speaking pace that turns re-spoken words into priced minutes (as a ready dialogue is priced). */
    static final int WORDS_PER_MINUTE = PodcastRequestParser.DIALOGUE_WORDS_PER_MINUTE;

    /** One edit: the turn's index in the podcast's script ({@code GET /v1/podcasts/{id}/script}) and its new text. */
    record Edit(int turn, String text) {
    }

    /**
     * A revised script.
     *
     * @param turns           every turn of the new version
     * @param chapters        its chapters
     * @param changedTurns    indices (in {@code turns}) of the turns to re-speak
     * @param respokenWords   their words
     * @param respokenMinutes their minutes at {@link #WORDS_PER_MINUTE}, rounded up to a tenth
     */
    record Plan(List<Turn> turns, List<Segment> chapters, List<Integer> changedTurns, long respokenWords,
                BigDecimal respokenMinutes) {

        Plan {
            turns = List.copyOf(turns);
            chapters = List.copyOf(chapters);
            changedTurns = List.copyOf(changedTurns);
        }

        boolean changesNothing() {
            return changedTurns.isEmpty() && respokenWords == 0;
        }

        long words() {
            return turns.stream().mapToLong(t -> RevisionPlan.words(t.text())).sum();
        }
    }

    private RevisionPlan() {
    }

    /** The podcast's turns with each edit's text in place of its turn's (indices already checked to exist). */
    static Plan withEdits(List<Turn> original, List<Segment> chapters, List<Edit> edits) {
        List<Turn> turns = new ArrayList<>(original);
        for (Edit edit : edits) {
            Turn old = turns.get(edit.turn());
            turns.set(edit.turn(), new Turn(old.speaker(), edit.text().strip()));
        }
        return plan(original, turns, chapters);
    }

    /**
     * A whole edited dialogue. Chapters keep their titles and first turns while those turns exist; the first
     * chapter always starts at the first turn.
     */
    static Plan withDialogue(List<Turn> original, List<Segment> chapters, List<Turn> dialogue) {
        List<Segment> kept = new ArrayList<>();
        for (Segment s : chapters) {
            int first = kept.isEmpty() ? 0 : s.firstTurn();
            boolean after = kept.isEmpty() || first > kept.getLast().firstTurn();
            if (first < dialogue.size() && after) {
                kept.add(new Segment(s.title(), first));
            }
        }
        return plan(original, dialogue, kept);
    }

    private static Plan plan(List<Turn> original, List<Turn> turns, List<Segment> chapters) {
        Set<List<String>> spoken = new HashSet<>();
        original.forEach(t -> spoken.add(List.of(t.speaker(), t.text().strip())));
        List<Integer> changed = new ArrayList<>();
        long words = 0;
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            if (!spoken.contains(List.of(t.speaker(), t.text().strip()))) {
                changed.add(i);
                words += words(t.text());
            }
        }
        return new Plan(turns, chapters, changed, words, respokenMinutes(words));
    }

    /** Words at {@link #WORDS_PER_MINUTE}, rounded up to a tenth of a minute (0 for none). */
    static BigDecimal respokenMinutes(long words) {
        if (words <= 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(words).divide(BigDecimal.valueOf(WORDS_PER_MINUTE), 1, RoundingMode.CEILING);
    }

    static long words(String text) {
        String s = text.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }
}
