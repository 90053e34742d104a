package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Segment;

import java.util.List;

/** Trims each turn's clip, converts it to the episode rate and lays the turns out on the timeline. */
final class EpisodeAssembler {

    /** Quieter than this relative to the clip's peak counts as silence at the clip's edges. */
    private static final double SILENCE_BELOW_PEAK = Math.pow(10, -45 / 20.0);
    /** Kept around the detected speech so soft onsets and breathy endings survive the trim. */
    private static final double TRIM_MARGIN_SECONDS = 0.06;

    private final int sampleRate;

    EpisodeAssembler(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    EpisodeTimeline plan(List<SpokenTurn> turns, List<Segment> segments) {
        int[] lengths = new int[turns.size()];
        for (int i = 0; i < lengths.length; i++) {
            AudioClip clip = turns.get(i).audio();
            int[] speech = speechRange(clip);
            lengths[i] = Resampler.outputLength(speech[1] - speech[0], clip.sampleRate(), sampleRate);
        }
        return EpisodeTimeline.of(lengths, turns.stream().map(SpokenTurn::speaker).toList(), segments, sampleRate);
    }

    /** Renders the turns at their planned positions; everything between them is digital silence. */
    float[] render(List<SpokenTurn> turns, EpisodeTimeline timeline) {
        float[] episode = new float[timeline.totalSamples()];
        for (int i = 0; i < turns.size(); i++) {
            AudioClip clip = turns.get(i).audio();
            int[] speech = speechRange(clip);
            float[] converted = Resampler.resample(clip.samples(), speech[0], speech[1], clip.sampleRate(), sampleRate);
            System.arraycopy(converted, 0, episode, timeline.turnStart(i), converted.length);
        }
        return episode;
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
