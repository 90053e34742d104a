package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WebVttTranscriptTest {

    static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n<v ([^>]+)>(.+)\\n");

    record Cue(long startMillis, long endMillis, String speaker, String text) {
    }

    @Test
    void eachTurnBecomesAVoiceTaggedCueAtItsPlaceOnTheTimeline() {
        List<SpokenTurn> turns = List.of(turn("Ada", "Hello there.", 2.0), turn("Ben", "Hi, Ada!", 1.0));
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{48_000, 24_000}, List.of("Ada", "Ben"), List.of(), 24_000);

        String vtt = WebVttTranscript.render(turns, timeline);

        assertThat(vtt).startsWith("WEBVTT\n\n");
        assertThat(cues(vtt)).containsExactly(
                new Cue(500, 2_500, "Ada", "Hello there."),
                new Cue(2_850, 3_850, "Ben", "Hi, Ada!"));
    }

    @Test
    void longTurnsAreSplitIntoCuesOfAtMostTwoSentencesTimedByLength() {
        String text = "One is short. Two is a bit longer. Three! Four, the last one, is the longest of them all.";
        List<SpokenTurn> turns = List.of(turn("Ada", text, 8.0));
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{8 * 24_000}, List.of("Ada"), List.of(), 24_000);

        List<Cue> cues = cues(WebVttTranscript.render(turns, timeline));

        assertThat(cues).extracting(Cue::text)
                .containsExactly("One is short. Two is a bit longer.", "Three! Four, the last one, is the longest of them all.");
        assertThat(cues.getFirst().startMillis()).isEqualTo(500);
        assertThat(cues.getLast().endMillis()).isEqualTo(8_500);
        assertThat(cues.get(0).endMillis()).isEqualTo(cues.get(1).startMillis());
        assertThat(cues.get(0).endMillis()).isCloseTo(500 + 8_000 * 35 / text.length(), org.assertj.core.data.Offset.offset(20L));
    }

    @Test
    void aSentenceLongerThanTwelveSecondsIsCutAtWordBoundaries() {
        String text = "word ".repeat(100).strip() + ".";
        List<SpokenTurn> turns = List.of(turn("Ada", text, 40.0));
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{40 * 24_000}, List.of("Ada"), List.of(), 24_000);

        List<Cue> cues = cues(WebVttTranscript.render(turns, timeline));

        assertThat(cues).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cues).allSatisfy(cue -> {
            assertThat(cue.endMillis() - cue.startMillis()).isLessThanOrEqualTo(12_100);
            assertThat(cue.text()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("wo rd");
        });
        assertThat(String.join(" ", cues.stream().map(Cue::text).toList())).isEqualTo(text);
    }

    @Test
    void markupCharactersInTextAndSpeakerAreEscaped() {
        List<SpokenTurn> turns = List.of(turn("R&D <bot>", "Use a < b && b > c.", 1.0));
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{24_000}, List.of("R&D <bot>"), List.of(), 24_000);

        String vtt = WebVttTranscript.render(turns, timeline);

        assertThat(vtt).contains("<v R&amp;D &lt;bot&gt;>Use a &lt; b &amp;&amp; b &gt; c.\n");
    }

    static List<Cue> cues(String vtt) {
        List<Cue> cues = new ArrayList<>();
        Matcher matcher = CUE.matcher(vtt);
        while (matcher.find()) {
            cues.add(new Cue(millis(matcher, 1), millis(matcher, 5), matcher.group(9), matcher.group(10)));
        }
        return cues;
    }

    private static long millis(Matcher m, int group) {
        return Long.parseLong(m.group(group)) * 3_600_000 + Long.parseLong(m.group(group + 1)) * 60_000
                + Long.parseLong(m.group(group + 2)) * 1_000 + Long.parseLong(m.group(group + 3));
    }

    private static SpokenTurn turn(String speaker, String text, double seconds) {
        return new SpokenTurn(speaker, text, new AudioClip(new float[(int) (seconds * 24_000)], 24_000));
    }

}
