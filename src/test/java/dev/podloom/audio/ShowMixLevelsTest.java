package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import dev.podloom.testsupport.AudioProbe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The mix sample by sample, without an encoder: where the intro, the bed and the outro are, and at what gain. */
class ShowMixLevelsTest {

    private static final int RATE = 24_000;
    private static final double TARGET = -16;
    private static final double CEILING = -2.5;

    @Test
    void framingMovesTurnsByTheLeadAndKeepsTheChaptersCoveringTheWholeEpisode() {
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{1000, 2000}, List.of("A", "B"),
                List.of(new Segment("One", 0), new Segment("Two", 1)), RATE);
        EpisodeTimeline framed = timeline.framed(500, 300);

        assertThat(framed.turnStart(0)).isEqualTo(timeline.turnStart(0) + 500);
        assertThat(framed.turnStart(1)).isEqualTo(timeline.turnStart(1) + 500);
        assertThat(framed.totalSamples()).isEqualTo(timeline.totalSamples() + 800);
        assertThat(framed.chapters().getFirst().startSample()).isZero();
        assertThat(framed.chapters().get(1).startSample()).isEqualTo(timeline.chapters().get(1).startSample() + 500);
        assertThat(framed.chapters().getLast().endSample()).isEqualTo(framed.totalSamples());
    }

    @Test
    void theBedIsDuckedTwelveDecibelsUnderATurnAndOpenInALongPause() {
        float[] bed = AudioProbe.chord(3, RATE, 0.5, 9000);
        ShowMix mix = ShowMix.of(RATE, TARGET, CEILING, new float[0], new float[0], bed);
        // Two turns of digital silence, so what is heard is the bed alone: 2 s each, 3 s apart.
        float[] mixed = render(mix, new int[]{2 * RATE, 2 * RATE}, List.of(new Segment("One", 0), new Segment("Two", 1)));
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{2 * RATE, 2 * RATE}, List.of("A", "B"),
                List.of(new Segment("One", 0), new Segment("Two", 1)), RATE).framed(mix.leadSamples(), mix.tailSamples());
        int firstStart = timeline.turnStart(0);
        double under = rms(mixed, firstStart + RATE / 4, firstStart + 2 * RATE - RATE / 4);
        double open = rms(mixed, mix.leadSamples() - RATE / 2, firstStart - (int) (0.2 * RATE));

        assertThat(20 * Math.log10(under / open)).isCloseTo(ShowMix.BED_DUCKED_DB - ShowMix.BED_OPEN_DB, within(0.2));
        assertThat(mixed[0]).isZero(); // fades in from nothing
        assertThat(Math.abs(mixed[mixed.length - 1])).isLessThan(1e-3f); // and out to nothing
    }

    @Test
    void speechIsMasteredUnderTheCeilingLessWhatTheDuckedBedAdds() {
        float[] loudBed = AudioProbe.chord(3, RATE, 1.0, 9000);
        ShowMix mix = ShowMix.of(RATE, TARGET, CEILING, new float[0], new float[0], loudBed);
        double[] gains = mix.bedGains();
        double expected = 20 * Math.log10(Math.pow(10, CEILING / 20) - LoudnessMeter.truePeak(loudBed) * gains[1]);
        assertThat(mix.speechCeilingDbtp()).isCloseTo(expected, within(0.05)).isLessThan(CEILING);
        assertThat(gains[1] / gains[0]).isCloseTo(Math.pow(10, (ShowMix.BED_DUCKED_DB - ShowMix.BED_OPEN_DB) / 20),
                within(1e-9));
    }

    @Test
    void theIntroComesFirstAndTheOutroLastAtTheLoudnessTarget() {
        float[] intro = AudioProbe.chord(2, RATE, 0.1, 1000);
        float[] outro = AudioProbe.chord(1.5, RATE, 0.9, 2000);
        ShowMix mix = ShowMix.of(RATE, TARGET, CEILING, intro, outro, null);
        assertThat(mix.leadSamples()).isEqualTo(intro.length);
        assertThat(mix.tailSamples()).isEqualTo(outro.length);
        float[] mixed = render(mix, new int[]{RATE}, List.of());
        float[] first = java.util.Arrays.copyOfRange(mixed, 0, intro.length);
        float[] last = java.util.Arrays.copyOfRange(mixed, mixed.length - outro.length, mixed.length);
        // Each mastered to the target, then the whole mix trimmed onto it (here: nearly all intro and outro).
        double introLufs = LoudnessMeter.integratedLufs(first, RATE);
        assertThat(introLufs).isCloseTo(TARGET, within(0.5));
        assertThat(LoudnessMeter.integratedLufs(last, RATE)).isCloseTo(introLufs, within(0.3));
        assertThat(LoudnessMeter.truePeakDbtp(last)).isLessThanOrEqualTo(CEILING + 0.01);
    }

    /** The mix of silent turns of these lengths, planned and written as the encoder does. */
    private static float[] render(ShowMix mix, int[] lengths, List<Segment> segments) {
        List<String> speakers = new ArrayList<>();
        List<TurnAudio> turns = new ArrayList<>();
        for (int length : lengths) {
            speakers.add(speakers.size() % 2 == 0 ? "A" : "B");
            turns.add(TurnAudio.planned((double) length / RATE));
        }
        EpisodeTimeline timeline = EpisodeTimeline.of(lengths, speakers, segments, RATE)
                .framed(mix.leadSamples(), mix.tailSamples());
        EpisodeProgram program = new EpisodeProgram(timeline, turns);
        LoudnessMaster.Mastering mastering = new LoudnessMaster(TARGET, mix.speechCeilingDbtp()).master(program);
        float[] out = new float[timeline.totalSamples()];
        int[] at = {0};
        mix.plan(program, mastering).write((samples, length) -> {
            System.arraycopy(samples, 0, out, at[0], length);
            at[0] += length;
        });
        assertThat(at[0]).isEqualTo(out.length);
        return out;
    }

    private static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
