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

    /** @param envelope {@link LoudnessMeter#truePeakEnvelope} of the audio to limit; taken over, not copied */
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
        process(samples, gain, ceiling, (i, limited) -> samples[i] = limited);
    }

    /** Integrated loudness {@link #apply} would produce, without touching {@code samples}. */
    double loudnessAfter(float[] samples, double gain, double ceiling, int sampleRate) {
        LoudnessMeter.Integrator integrator = new LoudnessMeter.Integrator(sampleRate);
        process(samples, gain, ceiling, (i, limited) -> integrator.add(limited));
        return integrator.integratedLufs();
    }

    private interface LimitedSampleSink {
        void accept(int index, float limited);
    }

    private void process(float[] samples, double gain, double ceiling, LimitedSampleSink sink) {
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
            sink.accept(i, (float) (samples[i] * gain * limiterGain));
        }
    }

    /**
     * Replaces {@code values[i]} by {@code max(values[i … i + window - 1])}, in place and O(n): a monotonic
     * queue of (index, value) pairs, at most {@code window} long, runs from the end of the array backwards.
     */
    private static float[] slidingMaximumAhead(float[] values, int window) {
        int capacity = window + 1;
        int[] indices = new int[capacity];
        float[] maxima = new float[capacity];
        int head = 0;
        int size = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            float value = values[i];
            while (size > 0 && maxima[(head + size - 1) % capacity] <= value) {
                size--;
            }
            indices[(head + size) % capacity] = i;
            maxima[(head + size) % capacity] = value;
            size++;
            while (indices[head] > i + window - 1) {
                head = (head + 1) % capacity;
                size--;
            }
            values[i] = maxima[head];
        }
        return values;
    }
}
