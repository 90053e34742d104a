package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a clip is real speech of a plausible length, and measures its voice pitch. */
final class SpeechAssertions {

    private SpeechAssertions() {
    }

    static double rms(AudioClip clip) {
        double sum = 0;
        for (float s : clip.samples()) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, clip.samples().length));
    }

    /** Audible (RMS above −40 dBFS) and 1.2–6 words per second, the span of any usable voice. */
    static void assertSpeech(AudioClip clip, int words) {
        assertThat(rms(clip)).as("RMS of the clip").isGreaterThan(0.01);
        assertThat(clip.durationSeconds()).as("duration for %d words", words)
                .isBetween(words / 6.0, words / 1.2);
    }

    /**
     * Median fundamental frequency of voiced 40 ms frames, by autocorrelation over 60–400 Hz.
     * Frames whose best normalized correlation is weak are unvoiced and skipped.
     */
    static double medianPitchHz(AudioClip clip) {
        float[] x = clip.samples();
        int rate = clip.sampleRate();
        int frame = rate / 25;
        int minLag = rate / 400;
        int maxLag = rate / 60;
        var pitches = new java.util.ArrayList<Double>();
        for (int start = 0; start + frame + maxLag < x.length; start += frame) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += x[i] * x[i];
            }
            if (energy / frame < 1e-4) {
                continue;
            }
            int bestLag = -1;
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double c = 0;
                double e2 = 0;
                for (int i = start; i < start + frame; i++) {
                    c += x[i] * x[i + lag];
                    e2 += x[i + lag] * x[i + lag];
                }
                double normalized = c / Math.sqrt(energy * e2 + 1e-12);
                if (normalized > best) {
                    best = normalized;
                    bestLag = lag;
                }
            }
            if (best > 0.6) {
                pitches.add((double) rate / bestLag);
            }
        }
        assertThat(pitches).as("voiced frames").hasSizeGreaterThan(10);
        java.util.Collections.sort(pitches);
        return pitches.get(pitches.size() / 2);
    }
}
