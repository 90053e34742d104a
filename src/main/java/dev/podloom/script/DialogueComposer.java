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
import java.util.List;
import java.util.Map;

/**
 * Lays a selection of source sentences out as a dialogue in one style. Speakers strictly alternate in two-voice
 * styles (each style's pattern is built so that questions and answers land on the right voice); a turn is framing
 * followed by zero or more verbatim sentences from one section.
 */
final class DialogueComposer {

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
        intro(b);
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
        outro(b, recap(selected));
        return new Draft(List.copyOf(b.turns), List.copyOf(b.segments), b.words);
    }

    private void intro(Builder b) {
        switch (style) {
            case DEEP_DIVE -> {
                b.say(b.framing(Phrases.INTRO, null));
                b.say(b.framing(Phrases.INTRO_REPLY, null));
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
                    if (j % 2 == 1) {
                        b.say(b.framing(Phrases.DIG, null));
                        b.say(null, runs.get(j));
                    } else {
                        b.say(b.framing(Phrases.BUILD_ON, null), runs.get(j));
                    }
                }
            }
            case CONVERSATIONAL -> {
                // One sentence per take, every other take opened by a quick reaction.
                b.say(b.framing(Phrases.CHAT_TOPIC, heading));
                List<int[]> runs = runs(ids, 1);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j % 2 == 1 ? b.framing(Phrases.CHAT_REACTION, null) : null, runs.get(j));
                }
            }
            case INTERVIEW -> {
                // Question and answer pairs, so the host always asks and the guest always answers.
                List<int[]> runs = runs(ids, 4);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j == 0 ? b.framing(Phrases.INTERVIEW_QUESTION, heading) : b.framing(Phrases.FOLLOW_UP,
                            null));
                    b.say(null, runs.get(j));
                }
            }
            case DEBATE -> {
                // Every take is framed as a point or a counterpoint.
                List<int[]> runs = runs(ids, 2);
                for (int j = 0; j < runs.size(); j++) {
                    b.say(j == 0 ? b.framing(Phrases.DEBATE_OPEN, heading) : b.framing(Phrases.COUNTER, null),
                            runs.get(j));
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

    private void outro(Builder b, int[] recap) {
        Phrases recapLead = switch (style) {
            case DEEP_DIVE -> Phrases.RECAP;
            case CONVERSATIONAL -> Phrases.CHAT_RECAP;
            case INTERVIEW -> Phrases.TAKEAWAY_QUESTION;
            case DEBATE -> Phrases.DEBATE_RECAP;
            case NEWS_BRIEF -> Phrases.NEWS_RECAP;
            case LECTURE -> Phrases.LECTURE_RECAP;
        };
        if (recap.length > 0) {
            if (style == PodcastStyle.INTERVIEW) {
                b.say(b.framing(recapLead, null));
                b.say(null, recap);
            } else {
                b.say(b.framing(recapLead, null), recap);
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

    /** The host signs off; if the co-host would be next, the co-host first says a closing word. */
    private static void closeWithHost(Builder b, Phrases reply, Phrases signOff) {
        if (!b.hostIsNext()) {
            b.say(b.framing(reply, null));
        }
        b.say(b.framing(signOff, null));
    }

    /** The best-ranked selected sentences, repeated at the end; none for very short scripts. */
    private int[] recap(BitSet selected) {
        int count = selected.cardinality();
        int wanted = count >= 12 ? 3 : count >= 6 ? 2 : count >= 3 ? 1 : 0;
        if (style == PodcastStyle.NEWS_BRIEF) {
            wanted = Math.min(wanted, 1);
        }
        return Arrays.stream(analysis.ranked()).filter(selected::get).limit(wanted).toArray();
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

        Line framing(Phrases phrases, String heading) {
            int index = used.merge(phrases, 1, Integer::sum) - 1;
            return new Line(phrases.pick(seed + index, analysis.title(), heading), false);
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
