package dev.podloom.audio;

/**
 * Look-ahead true-peak limiter. It works from the signal's true-peak envelope (peaks between samples
 * included), so what it holds under the ceiling is the true peak, not just the sample peak.
 *
 * <p>The gain needed at each sample is the minimum over the next 5 ms, averaged over the same 5 ms: gain
 * reduction ramps in linearly and is complete exactly when the peak arrives (no overshoot, no clicks); it
 * recovers with an 80 ms exponential release. Interpolation is linear, so the envelope of the signal times
 * {@code gain} is the envelope times {@code gain}: one limiter serves every gain mastering tries.
 */
final class PeakLimiter {

    private static final double LOOK_AHEAD_SECONDS = 0.005;
    private static final double RELEASE_SECONDS = 0.080;

    private final int window;
    private final double release;
    /** Largest envelope value over the next {@code window} samples. */
    private final float[] peakAhead;

    /** @param envelope {@link LoudnessMeter#truePeakEnvelope} of the audio to limit */
    PeakLimiter(float[] envelope, int sampleRate) {
        window = Math.max(1, (int) Math.round(LOOK_AHEAD_SECONDS * sampleRate));
        release = Math.exp(-1.0 / (RELEASE_SECONDS * sampleRate));
        peakAhead = slidingMaximumAhead(envelope, window);
    }

    /**
     * Multiplies {@code samples} (the audio the envelope was taken from) by {@code gain} in place, limiting so
     * the true peak stays at or under {@code ceiling} (linear amplitude).
     */
    void apply(float[] samples, double gain, double ceiling) {
        if (samples.length == 0) {
            return;
        }
        // Nothing precedes the first sample, so start already at the gain it needs instead of ramping into it.
        double first = Math.min(1, ceiling / (gain * peakAhead[0]));
        double[] recent = new double[window];
        java.util.Arrays.fill(recent, first);
        double sum = first * window;
        double limiterGain = first;
        for (int i = 0; i < samples.length; i++) {
            double needed = Math.min(1, ceiling / (gain * peakAhead[i]));
            int slot = i % window;
            sum += needed - recent[slot];
            recent[slot] = needed;
            double smoothed = sum / window;
            limiterGain = smoothed < limiterGain ? smoothed : smoothed + (limiterGain - smoothed) * release;
            samples[i] = (float) (samples[i] * gain * limiterGain);
        }
    }

    /** {@code result[i] = max(values[i … i + window - 1])} in O(n) with a monotonic index queue. */
    private static float[] slidingMaximumAhead(float[] values, int window) {
        int n = values.length;
        float[] result = new float[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && values[queue[tail - 1]] <= values[i]) {
                tail--;
            }
            queue[tail++] = i;
            while (queue[head] > i + window - 1) {
                head++;
            }
            result[i] = values[queue[head]];
        }
        return result;
    }
}
