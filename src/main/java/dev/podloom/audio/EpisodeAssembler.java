package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Segment;

import java.util.List;

/** Lays turns out on the timeline; trims a clip's silent edges (used by {@link TurnAudio}). */
final class EpisodeAssembler {

    /** Quieter than this relative to the clip's peak counts as silence at the clip's edges. */
    private static final double SILENCE_BELOW_PEAK = Math.pow(10, -45 / 20.0);
    /** Kept around the detected speech so soft onsets and breathy endings survive the trim. */
    private static final double TRIM_MARGIN_SECONDS = 0.06;

    private final int sampleRate;

    EpisodeAssembler(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Lays the turns' trimmed speech out with the pauses of {@link EpisodeTimeline}. */
    EpisodeTimeline plan(List<SpokenTurn> turns, List<Segment> segments) {
        return plan(turns, segments, 1.0);
    }

    /** The same with the pauses between turns scaled by {@code pauseScale}. */
    EpisodeTimeline plan(List<SpokenTurn> turns, List<Segment> segments, double pauseScale) {
        int[] lengths = new int[turns.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = turns.get(i).audio().length();
        }
        return EpisodeTimeline.of(lengths, turns.stream().map(SpokenTurn::speaker).toList(), segments, sampleRate,
                pauseScale);
    }

    /** {@code [from, to)} of the clip's speech plus a small margin; empty for a silent clip. */
    static int[] speechRange(AudioClip clip) {
        float[] samples = clip.samples();
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        if (peak == 0) {
            return new int[]{0, 0};
        }
        double threshold = peak * SILENCE_BELOW_PEAK;
        int first = 0;
        while (Math.abs(samples[first]) < threshold) {
            first++;
        }
        int last = samples.length - 1;
        while (Math.abs(samples[last]) < threshold) {
            last--;
        }
        int margin = (int) Math.round(TRIM_MARGIN_SECONDS * clip.sampleRate());
        return new int[]{Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin)};
    }
}
