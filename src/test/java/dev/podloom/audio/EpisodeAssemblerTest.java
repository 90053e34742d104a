package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EpisodeAssemblerTest {

    private final EpisodeAssembler assembler = new EpisodeAssembler(24_000);

    @Test
    void trimsSilenceAroundEachClipToA60MillisecondMargin() {
        AudioClip padded = padded(TestAudio.sine(440, 0.5, 1.0, 16_000), 16_000, 0.5);

        EpisodeTimeline timeline = assembler.plan(List.of(new SpokenTurn("Ada", "Hi.", padded)), List.of());

        assertThat(timeline.turnLength(0) / 24_000.0).isCloseTo(1.0 + 2 * 0.06, within(0.002));
    }

    @Test
    void placesClipsOfAnyRateAtTheEpisodeRateWhereTheTimelineSays() {
        List<SpokenTurn> turns = List.of(
                new SpokenTurn("Ada", "One.", new AudioClip(TestAudio.sine(500, 0.5, 1.0, 16_000), 16_000)),
                new SpokenTurn("Ben", "Two.", new AudioClip(TestAudio.sine(500, 0.5, 0.5, 22_050), 22_050)));
        EpisodeTimeline timeline = assembler.plan(turns, List.of());

        float[] episode = render(turns, timeline);

        assertThat(episode).hasSize(timeline.totalSamples());
        assertThat(peak(episode, 0, timeline.turnStart(0))).isZero();
        assertThat(peak(episode, timeline.turnStart(0) + 100, timeline.turnStart(0) + 24_000 - 100))
                .isCloseTo(0.5f, within(0.01f));
        int gapStart = timeline.turnStart(0) + timeline.turnLength(0);
        assertThat(peak(episode, gapStart + 100, timeline.turnStart(1) - 100)).isLessThan(1e-3f);
        assertThat(timeline.turnLength(1)).isEqualTo(12_000);
        assertThat(peak(episode, timeline.turnStart(1) + 100, timeline.turnStart(1) + 11_900))
                .isCloseTo(0.5f, within(0.01f));
    }

    @Test
    void aSilentClipTakesNoTimeButItsPausesRemain() {
        List<SpokenTurn> turns = List.of(new SpokenTurn("Ada", "…", new AudioClip(new float[16_000], 16_000)));

        EpisodeTimeline timeline = assembler.plan(turns, List.of());

        assertThat(timeline.turnLength(0)).isZero();
        assertThat(timeline.durationSeconds()).isCloseTo(1.0, within(1e-9));
    }

    /** The whole episode as the encoder walks it: turns at their places, silence between. */
    private static float[] render(List<SpokenTurn> turns, EpisodeTimeline timeline) {
        float[] episode = new float[timeline.totalSamples()];
        int[] position = {0};
        new EpisodeProgram(timeline, turns.stream().map(SpokenTurn::audio).toList()).walk(new EpisodeProgram.Walker() {
            @Override
            public void turn(int index, float[] speech) {
                assertThat(position[0]).isEqualTo(timeline.turnStart(index));
                System.arraycopy(speech, 0, episode, position[0], speech.length);
                position[0] += speech.length;
            }

            @Override
            public void silence(int samples) {
                position[0] += samples;
            }
        });
        assertThat(position[0]).isEqualTo(timeline.totalSamples());
        return episode;
    }

    private static AudioClip padded(float[] speech, int rate, double silenceSeconds) {
        int pad = (int) (silenceSeconds * rate);
        float[] samples = new float[speech.length + 2 * pad];
        System.arraycopy(speech, 0, samples, pad, speech.length);
        return new AudioClip(samples, rate);
    }

    private static float peak(float[] samples, int from, int to) {
        float peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }
}
