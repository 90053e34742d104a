package dev.podloom.script;

import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Segment;
import dev.podloom.script.Draft.DraftTurn;
import dev.podloom.script.Draft.Line;
import dev.podloom.script.SourceAnalysis.Group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a selection of source sentences out as a dialogue in one style. Speakers strictly alternate in two-voice
 * styles (each style's pattern is built so that questions and answers land on the right voice); a turn is framing
 * followed by zero or more verbatim sentences from one section.
 *
 * <p>Questions and transitions name the key term of the sentences that follow them; the wrap-up names the sections
 * covered instead of repeating sentences, so every source sentence is spoken once; and no framing line is said again
 * within {@value #REPEAT_WINDOW_SECONDS} seconds of predicted time (at {@value #PREDICTED_WORDS_PER_SECOND} words
 * per second, quicker than the offline voices, so the window is if anything longer): a droppable framing line that
 * would repeat is left out, others pick another template.
 */
final class DialogueComposer {

    static final int REPEAT_WINDOW_SECONDS = 300;
    static final double PREDICTED_WORDS_PER_SECOND = 3.0;
    private static final int REPEAT_WINDOW_WORDS = (int) (REPEAT_WINDOW_SECONDS * PREDICTED_WORDS_PER_SECOND);

    private final PodcastStyle style;
    private final List<String> speakers;
    private final SourceAnalysis analysis;
    /** Offsets the phrase rotation per title, so different episodes do not all open with the same words. */
    private final int seed;

    DialogueComposer(PodcastStyle style, List<String> speakers, SourceAnalysis analysis) {
        this.style = style;
        this.speakers = List.copyOf(speakers);
        this.analysis = analysis;
        this.seed = Math.floorMod(analysis.title().hashCode(), 997);
    }

    Draft compose(BitSet selected) {
        Builder b = new Builder();
        b.segment("Introduction");
        intro(b, firstRun(selected));
        boolean first = true;
        for (Group group : analysis.groups()) {
            int[] ids = Arrays.stream(group.sentenceIds()).filter(selected::get).toArray();
            if (ids.length > 0) {
                b.segment(group.title());
                body(b, group.heading(), ids, first);
                first = false;
            }
        }
        b.segment("Wrap-up");
        outro(b, selected);
        return new Draft(List.copyOf(b.turns), List.copyOf(b.segments), b.words);
    }

    /** The first sentences the body will speak (for the intro to name their key term). */
    private int[] firstRun(BitSet selected) {
        for (Group group : analysis.groups()) {
            int[] ids = Arrays.stream(group.sentenceIds()).filter(selected::get).limit(3).toArray();
            if (ids.length > 0) {
                return ids;
            }
        }
        return new int[0];
    }

    private void intro(Builder b, int[] firstRun) {
        switch (style) {
            case DEEP_DIVE -> {
                b.say(b.framing(Phrases.INTRO, null));
                b.say(b.framing(Phrases.INTRO_REPLY, null, b.term(firstRun), false));
            }
            case CONVERSATIONAL -> {
                b.say(b.framing(Phrases.CHAT_INTRO, null));
                b.say(b.framing(Phrases.CHAT_INTRO_REPLY, null));
            }
            case INTERVIEW -> {
                b.say(b.framing(Phrases.INTERVIEW_INTRO, null));
                b.say(b.framing(Phrases.GUEST_GREETING, null));
            }
            case DEBATE -> {
                b.say(b.framing(Phrases.DEBATE_INTRO, null));
                b.say(b.framing(Phrases.DEBATE_INTRO_REPLY, null));
            }
            case NEWS_BRIEF -> b.say(b.framing(Phrases.NEWS_INTRO, null));
            case LECTURE -> b.say(b.framing(Phrases.LECTURE_INTRO, null));
        }
    }

    private void body(Builder b, String heading, int[] ids, boolean firstSection) {
        switch (style) {
            case DEEP_DIVE -> {
                // Long runs; the other voice digs in with a question or picks up the thread with its own run.
                List<int[]> runs = runs(ids, 3);
                b.say(b.framing(firstSection ? Phrases.FIRST_TOPIC : Phrases.NEXT_TOPIC, heading), runs.getFirst());
                for (int j = 1; j < runs.size(); j++) {
                    String term = b.term(runs.get(j));
                    if (j % 2 == 1) {
                        Line question = b.framing(Phrases.DIG, heading, term, true);
                        if (question != null) {
                            b.say(question);
                        }
                        b.say(null, runs.get(j));
                    } else {
                        b.say(b.framing(Phrases.BUILD_ON, heading, term, true), runs.get(j));
                    }
                }
            }
            case CONVERSATIONAL -> {
                // One sentence per take, every other take opened by a quick reaction.
                b.say(b.framing(Phrases.CHAT_TOPIC, heading));
                List<int[]> runs = runs(ids, 1);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j % 2 == 1 ? b.framing(Phrases.CHAT_REACTION, null, null, true) : null, runs.get(j));
                }
            }
            case INTERVIEW -> {
                // Question and answer pairs, so the host always asks and the guest always answers.
                List<int[]> runs = runs(ids, 4);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j == 0 ? b.framing(Phrases.INTERVIEW_QUESTION, heading)
                            : b.framing(Phrases.FOLLOW_UP, heading, b.term(runs.get(j)), false));
                    b.say(null, runs.get(j));
                }
            }
            case DEBATE -> {
                // Every take is framed as a point or a counterpoint.
                List<int[]> runs = runs(ids, 2);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j == 0 ? b.framing(Phrases.DEBATE_OPEN, heading)
                            : b.framing(Phrases.COUNTER, heading, b.term(runs.get(j)), false), runs.get(j));
                }
            }
            case NEWS_BRIEF -> {
                // A headline, then brisk alternating items with no framing at all.
                List<int[]> runs = runs(ids, 2);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j == 0 ? b.framing(Phrases.HEADLINE, heading) : null, runs.get(j));
                }
            }
            case LECTURE -> {
                List<int[]> runs = runs(ids, 5);
                b.say(b.framing(firstSection ? Phrases.LECTURE_FIRST_SECTION : Phrases.LECTURE_SECTION, heading),
                        runs.getFirst());
                runs.stream().skip(1).forEach(run -> b.say(null, run));
            }
        }
    }

    private void outro(Builder b, BitSet selected) {
        Phrases recapLead = switch (style) {
            case DEEP_DIVE -> Phrases.RECAP;
            case CONVERSATIONAL -> Phrases.CHAT_RECAP;
            case INTERVIEW -> Phrases.TAKEAWAY_QUESTION;
            case DEBATE -> Phrases.DEBATE_RECAP;
            case NEWS_BRIEF -> Phrases.NEWS_RECAP;
            case LECTURE -> Phrases.LECTURE_RECAP;
        };
        String topics = topics(selected);
        if (topics != null) {
            if (style == PodcastStyle.INTERVIEW) {
                b.say(b.framing(recapLead, null));
                b.say(b.framing(Phrases.TAKEAWAY_ANSWER, topics));
            } else {
                b.say(b.framing(recapLead, topics));
            }
        }
        switch (style) {
            case DEEP_DIVE -> closeWithHost(b, Phrases.CLOSING_REPLY, Phrases.SIGN_OFF);
            case CONVERSATIONAL -> closeWithHost(b, Phrases.CHAT_CLOSING_REPLY, Phrases.CHAT_SIGN_OFF);
            case DEBATE -> closeWithHost(b, Phrases.DEBATE_CLOSING_REPLY, Phrases.DEBATE_SIGN_OFF);
            case INTERVIEW -> b.say(b.framing(Phrases.INTERVIEW_SIGN_OFF, null));
            case NEWS_BRIEF -> b.say(b.framing(Phrases.NEWS_SIGN_OFF, null));
            case LECTURE -> b.say(b.framing(Phrases.LECTURE_SIGN_OFF, null));
        }
    }

    /**
     * What the wrap-up names instead of repeating sentences: up to three section headings covered, else the key
     * terms of the best three selected sentences; null for very short scripts (fewer than three sentences).
     */
    private String topics(BitSet selected) {
        if (selected.cardinality() < 3) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Group group : analysis.groups()) {
            if (group.heading() != null && Arrays.stream(group.sentenceIds()).anyMatch(selected::get)) {
                names.add(group.heading().replaceAll("[\\s.:;,!?]+$", ""));
            }
        }
        List<String> chosen = new ArrayList<>(names);
        if (chosen.size() < 2) {
            chosen.clear();
            for (int id : Arrays.stream(analysis.ranked()).filter(selected::get).limit(3).toArray()) {
                String term = analysis.keyTerm(new int[]{id}, chosen);
                if (term != null && !chosen.contains(term)) {
                    chosen.add(term);
                }
            }
        }
        if (chosen.isEmpty()) {
            return null;
        }
        List<String> three = chosen.subList(0, Math.min(3, chosen.size()));
        return three.size() == 1 ? three.getFirst()
                : String.join(", ", three.subList(0, three.size() - 1)) + " and " + three.getLast();
    }

    /** The host signs off; if the co-host would be next, the co-host first says a closing word. */
    private static void closeWithHost(Builder b, Phrases reply, Phrases signOff) {
        if (!b.hostIsNext()) {
            b.say(b.framing(reply, null));
        }
        b.say(b.framing(signOff, null));
    }

    private static List<int[]> runs(int[] ids, int size) {
        List<int[]> runs = new ArrayList<>();
        for (int from = 0; from < ids.length; from += size) {
            runs.add(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + size)));
        }
        return runs;
    }

    private final class Builder {
        private final List<DraftTurn> turns = new ArrayList<>();
        private final List<Segment> segments = new ArrayList<>();
        private final Map<Phrases, Integer> used = new EnumMap<>(Phrases.class);
        private int words;

        /** Framing line text → the script's word count when it was last said. */
        private final Map<String, Integer> lastSaid = new HashMap<>();
        /** Key terms already named by framing, so the next question names something new when it can. */
        private final Set<String> named = new LinkedHashSet<>();

        Line framing(Phrases phrases, String heading) {
            return framing(phrases, heading, null, false);
        }

        /**
         * The phrase's next template, filled; another template if that line was said within the repeat window.
         * When every template would repeat, a {@code droppable} line is left out (null) and any other takes the
         * line said longest ago.
         */
        Line framing(Phrases phrases, String heading, String term, boolean droppable) {
            int base = seed + used.merge(phrases, 1, Integer::sum) - 1;
            String oldest = null;
            int oldestAt = Integer.MAX_VALUE;
            for (int k = 0; k < phrases.size(); k++) {
                String text = phrases.pick(base + k, analysis.title(), heading, term);
                Integer at = lastSaid.get(text);
                if (at == null || words - at >= REPEAT_WINDOW_WORDS) {
                    return said(text, term);
                }
                if (at < oldestAt) {
                    oldestAt = at;
                    oldest = text;
                }
            }
            return droppable ? null : said(oldest, term);
        }

        private Line said(String text, String term) {
            lastSaid.put(text, words);
            if (term != null) {
                named.add(term);
            }
            return new Line(text, false);
        }

        /** The key term of the sentences {@code ids}, preferring one no framing line has named yet. */
        String term(int[] ids) {
            return ids.length == 0 ? null : analysis.keyTerm(ids, named);
        }

        void say(Line framing) {
            say(framing, new int[0]);
        }

        void say(Line framing, int[] sentenceIds) {
            List<Line> lines = new ArrayList<>(sentenceIds.length + 1);
            if (framing != null) {
                lines.add(framing);
                words += wordCount(framing.text());
            }
            for (int id : sentenceIds) {
                SourceAnalysis.Sentence sentence = analysis.sentences().get(id);
                lines.add(new Line(sentence.text(), true));
                words += sentence.words();
            }
            turns.add(new DraftTurn(speakers.get(turns.size() % speakers.size()), List.copyOf(lines)));
        }

        boolean hostIsNext() {
            return turns.size() % speakers.size() == 0;
        }

        void segment(String title) {
            segments.add(new Segment(title, turns.size()));
        }
    }

    private static int wordCount(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
