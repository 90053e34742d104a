package dev.podloom.audio;

/**
 * Look-ahead true-peak limiter: it detects on the oversampled signal, so peaks between samples are held
 * under the ceiling too. The gain needed at each sample is taken as the minimum over the next
 * {@code lookAhead} samples and then averaged over the same window, so gain reduction ramps in linearly
 * and is complete exactly when the peak arrives (no overshoot, no clicks); it recovers with an exponential
 * release.
 */
final class PeakLimiter {

    private static final double LOOK_AHEAD_SECONDS = 0.005;
    private static final double RELEASE_SECONDS = 0.080;

    private PeakLimiter() {
    }

    /** Limits {@code samples} in place so that the true peak stays at or under {@code ceiling} (linear). */
    static void limit(float[] samples, int sampleRate, double ceiling) {
        applyGainAndLimit(samples, LoudnessMeter.truePeakEnvelope(samples, ceiling), 1, ceiling, sampleRate);
    }

    /**
     * Multiplies {@code samples} by {@code gain} and limits the result. Interpolation is linear, so the true-peak
     * envelope of the samples before gain, scaled, serves any gain: mastering computes it once for all passes.
     *
     * @param envelope {@link LoudnessMeter#truePeakEnvelope} of {@code samples}, exact above {@code ceiling / gain}
     */
    static void applyGainAndLimit(float[] samples, float[] envelope, double gain, double ceiling, int sampleRate) {
        int n = samples.length;
        int window = Math.max(1, (int) Math.round(LOOK_AHEAD_SECONDS * sampleRate));
        float[] required = new float[n];
        boolean anyOver = false;
        for (int i = 0; i < n; i++) {
            double peak = gain * envelope[i];
            required[i] = peak > ceiling ? (float) (ceiling / peak) : 1f;
            anyOver |= peak > ceiling;
        }
        if (!anyOver) {
            for (int i = 0; i < n; i++) {
                samples[i] = (float) (samples[i] * gain);
            }
            return;
        }
        float[] ahead = slidingMinimumAhead(required, window);
        double release = Math.exp(-1.0 / (RELEASE_SECONDS * sampleRate));
        double sum = 0;
        double limiterGain = 1;
        for (int i = 0; i < n; i++) {
            sum += ahead[i];
            if (i >= window) {
                sum -= ahead[i - window];
            }
            double smoothed = sum / window + (i < window - 1 ? (double) (window - 1 - i) / window : 0);
            limiterGain = smoothed < limiterGain ? smoothed : smoothed + (limiterGain - smoothed) * release;
            samples[i] = (float) (samples[i] * gain * limiterGain);
        }
    }

    /** {@code result[i] = min(values[i … i + window - 1])} in O(n) with a monotonic index queue. */
    private static float[] slidingMinimumAhead(float[] values, int window) {
        int n = values.length;
        float[] result = new float[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && values[queue[tail - 1]] >= values[i]) {
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
