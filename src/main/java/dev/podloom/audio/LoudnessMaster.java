package dev.podloom.audio;

/**
 * Brings audio to a target integrated loudness under a true-peak ceiling: gain, then the look-ahead limiter
 * if the gained peak would exceed the ceiling. Limiting takes loudness off peaky speech (synthetic voices
 * often have a 20 dB crest factor), so the gain is re-derived from the re-measured loudness and the original
 * audio limited again. Under heavy limiting, 1 dB more gain yields well under 1 dB more loudness, so the
 * correction follows the measured slope (secant steps); it settles within 0.1 LU in two or three passes.
 * A last trim covers the little overshoot that gain modulation can still cause between samples.
 */
final class LoudnessMaster {

    /** The limiter aims this far under the ceiling: a gain change slightly reshapes the peaks between samples. */
    private static final double LIMITER_HEADROOM_DB = 0.2;
    /** Aim this far under the ceiling when trimming, so rounding to 16-bit cannot push the peak over. */
    private static final double CEILING_MARGIN_DB = 0.05;
    private static final int MAX_PASSES = 4;
    private static final double TOLERANCE_LU = 0.1;

    /** Loudness and true peak measured on the mastered audio. */
    record Result(double integratedLufs, double truePeakDbtp) {
    }

    private final double targetLufs;
    private final double ceilingDbtp;

    LoudnessMaster(double targetLufs, double ceilingDbtp) {
        this.targetLufs = targetLufs;
        this.ceilingDbtp = ceilingDbtp;
    }

    /** Masters {@code samples} in place. Silence is left untouched. */
    Result master(float[] samples, int sampleRate) {
        double loudness = LoudnessMeter.integratedLufs(samples, sampleRate);
        if (Double.isInfinite(loudness)) {
            return new Result(loudness, LoudnessMeter.truePeakDbtp(samples, sampleRate));
        }
        double gainDb = targetLufs - loudness;
        double peakDb = LoudnessMeter.truePeakDbtp(samples, sampleRate) + gainDb;
        if (peakDb <= ceilingDbtp - CEILING_MARGIN_DB) {
            applyGain(samples, gainDb);
        } else {
            float[] original = samples.clone();
            double previousGainDb = Double.NaN;
            double previousLufs = Double.NaN;
            for (int pass = 1; ; pass++) {
                System.arraycopy(original, 0, samples, 0, samples.length);
                applyGain(samples, gainDb);
                limit(samples, sampleRate);
                double lufs = LoudnessMeter.integratedLufs(samples, sampleRate);
                if (Math.abs(targetLufs - lufs) < TOLERANCE_LU || pass == MAX_PASSES) {
                    break;
                }
                // Loudness gained per dB of gain, from the last two passes; 1 before there are two.
                double slope = Double.isNaN(previousLufs) ? 1
                        : Math.clamp((lufs - previousLufs) / (gainDb - previousGainDb), 0.1, 1);
                previousGainDb = gainDb;
                previousLufs = lufs;
                gainDb += (targetLufs - lufs) / slope;
            }
            double overshootDb = LoudnessMeter.truePeakDbtp(samples, sampleRate) - (ceilingDbtp - CEILING_MARGIN_DB);
            if (overshootDb > 0) {
                applyGain(samples, -overshootDb);
            }
        }
        return new Result(LoudnessMeter.integratedLufs(samples, sampleRate),
                LoudnessMeter.truePeakDbtp(samples, sampleRate));
    }

    private void limit(float[] samples, int sampleRate) {
        PeakLimiter.limit(samples, sampleRate, Math.pow(10, (ceilingDbtp - LIMITER_HEADROOM_DB) / 20));
    }

    private static void applyGain(float[] samples, double gainDb) {
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int i = 0; i < samples.length; i++) {
            samples[i] *= gain;
        }
    }
}
