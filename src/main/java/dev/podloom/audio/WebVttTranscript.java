package dev.podloom.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A WebVTT transcript with one voice-tagged cue ({@code <v Speaker>}) per turn, long turns split into cues of
 * at most two sentences and about twelve seconds. Text within a turn is timed in proportion to its length in
 * characters, which tracks speaking time closely enough for reading along.
 */
final class WebVttTranscript {

    private static final int MAX_SENTENCES_PER_CUE = 2;
    private static final double MAX_CUE_SECONDS = 12;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private WebVttTranscript() {
    }

    static String render(List<SpokenTurn> turns, EpisodeTimeline timeline) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (int t = 0; t < turns.size(); t++) {
            String text = WHITESPACE.matcher(turns.get(t).text().strip()).replaceAll(" ");
            if (text.isEmpty() || timeline.turnLength(t) == 0) {
                continue;
            }
            int start = timeline.turnStart(t);
            double samplesPerChar = (double) timeline.turnLength(t) / text.length();
            int maxCueChars = Math.max(1, (int) (MAX_CUE_SECONDS * timeline.sampleRate() / samplesPerChar));
            int consumed = 0;
            for (String cue : cues(text, maxCueChars)) {
                int from = start + (int) Math.round(consumed * samplesPerChar);
                consumed += cue.length() + 1;
                int to = start + (int) Math.round(Math.min(consumed, text.length()) * samplesPerChar);
                vtt.append('\n').append(timestamp(timeline.millis(from))).append(" --> ")
                        .append(timestamp(timeline.millis(to))).append('\n')
                        .append("<v ").append(escape(turns.get(t).speaker())).append('>')
                        .append(escape(cue)).append('\n');
            }
        }
        return vtt.toString();
    }

    /** Groups sentences into cues; a sentence longer than one cue is cut at word boundaries. */
    private static List<String> cues(String text, int maxChars) {
        List<String> pieces = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text)) {
            pieces.addAll(splitAtWords(sentence, maxChars));
        }
        List<String> cues = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int sentences = 0;
        for (String piece : pieces) {
            if (!current.isEmpty()
                    && (sentences == MAX_SENTENCES_PER_CUE || current.length() + 1 + piece.length() > maxChars)) {
                cues.add(current.toString());
                current.setLength(0);
                sentences = 0;
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(piece);
            sentences++;
        }
        cues.add(current.toString());
        return cues;
    }

    private static List<String> splitAtWords(String sentence, int maxChars) {
        if (sentence.length() <= maxChars) {
            return List.of(sentence);
        }
        int parts = (sentence.length() + maxChars - 1) / maxChars;
        int target = sentence.length() / parts + 1;
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : sentence.split(" ")) {
            if (!current.isEmpty() && current.length() + 1 + word.length() > target) {
                result.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(word);
        }
        result.add(current.toString());
        return result;
    }

    static String timestamp(long millis) {
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
