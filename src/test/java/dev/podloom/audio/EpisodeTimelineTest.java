package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpisodeTimelineTest {

    private static final int RATE = 24_000;

    @Test
    void turnsArePlacedAfterALeadInWithPausesByKindOfTransition() {
        int[] lengths = {24_000, 12_000, 6_000, 3_000};
        List<String> speakers = List.of("Ada", "Ben", "Ben", "Ada");
        List<Segment> segments = List.of(new Segment("Start", 0), new Segment("Second part", 3));

        EpisodeTimeline timeline = EpisodeTimeline.of(lengths, speakers, segments, RATE);

        int leadIn = 12_000;
        int speakerChange = 8_400;
        int sameSpeaker = 4_800;
        int chapter = 19_200;
        assertThat(timeline.turnStart(0)).isEqualTo(leadIn);
        assertThat(timeline.turnStart(1)).isEqualTo(leadIn + 24_000 + speakerChange);
        assertThat(timeline.turnStart(2)).isEqualTo(timeline.turnStart(1) + 12_000 + sameSpeaker);
        assertThat(timeline.turnStart(3)).isEqualTo(timeline.turnStart(2) + 6_000 + chapter);
        assertThat(timeline.totalSamples()).isEqualTo(timeline.turnStart(3) + 3_000 + leadIn);
    }

    @Test
    void pausesBetweenTurnsScaleWhileTheLeadInAndLeadOutStay() {
        int[] lengths = {24_000, 12_000, 6_000};
        List<String> speakers = List.of("Ada", "Ben", "Ben");

        EpisodeTimeline usual = EpisodeTimeline.of(lengths, speakers, List.of(), RATE);
        EpisodeTimeline longer = EpisodeTimeline.of(lengths, speakers, List.of(), RATE, 1.5);
        EpisodeTimeline none = EpisodeTimeline.of(lengths, speakers, List.of(), RATE, 0);

        int leadIn = 12_000;
        assertThat(longer.turnStart(0)).isEqualTo(usual.turnStart(0)).isEqualTo(leadIn);
        assertThat(longer.turnStart(1)).isEqualTo(leadIn + 24_000 + 12_600);      // 0.35 s × 1.5
        assertThat(longer.turnStart(2)).isEqualTo(longer.turnStart(1) + 12_000 + 7_200); // 0.2 s × 1.5
        assertThat(none.totalSamples()).isEqualTo(leadIn + 42_000 + leadIn);
        assertThat(longer.totalSamples() - none.totalSamples())
                .isEqualTo((usual.totalSamples() - none.totalSamples()) * 3 / 2);
    }

    @Test
    void chaptersStartAtZeroAndWhereThePreviousChapterStopsTalking() {
        int[] lengths = {24_000, 12_000, 6_000};
        EpisodeTimeline timeline = EpisodeTimeline.of(lengths, List.of("A", "B", "A"),
                List.of(new Segment("One", 0), new Segment("Two", 2)), RATE);

        int endOfTurn1 = timeline.turnStart(1) + 12_000;
        assertThat(timeline.chapters()).containsExactly(
                new EpisodeTimeline.Chapter("One", 0, endOfTurn1),
                new EpisodeTimeline.Chapter("Two", endOfTurn1, timeline.totalSamples()));
    }

    @Test
    void segmentsOutOfOrderOrBeyondTheTurnsAreRejected() {
        int[] lengths = {100, 100};
        List<String> speakers = List.of("A", "B");

        assertThatThrownBy(() -> EpisodeTimeline.of(lengths, speakers,
                List.of(new Segment("b", 1), new Segment("a", 0)), RATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpisodeTimeline.of(lengths, speakers, List.of(new Segment("x", 2)), RATE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
