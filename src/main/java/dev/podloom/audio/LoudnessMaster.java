package dev.podloom.audio;

/**
 * Brings audio to a target integrated loudness under a true-peak ceiling: gain, then the look-ahead limiter
 * if the gained peak would exceed the ceiling, then one re-measurement and correction (the limiter takes off
 * a little loudness, and inter-sample peaks can slip slightly past a sample-level limiter).
 */
final class LoudnessMaster {

    /** Limit sample peaks this far below the true-peak ceiling to leave room for inter-sample overshoot. */
    private static final double LIMITER_HEADROOM_DB = 0.5;
    /** Aim this far under the ceiling when correcting, so rounding to 16-bit cannot push the peak over. */
    private static final double CEILING_MARGIN_DB = 0.05;

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
        applyGain(samples, gainDb);
        if (peakDb > ceilingDbtp - CEILING_MARGIN_DB) {
            limit(samples, sampleRate);
            // Correct once: make up the loudness the limiter took, limiting again only if that breaches the ceiling.
            double makeUpDb = targetLufs - LoudnessMeter.integratedLufs(samples, sampleRate);
            applyGain(samples, makeUpDb);
            if (LoudnessMeter.truePeakDbtp(samples, sampleRate) > ceilingDbtp - CEILING_MARGIN_DB) {
                limit(samples, sampleRate);
            }
            double overshootDb = LoudnessMeter.truePeakDbtp(samples, sampleRate) - (ceilingDbtp - CEILING_MARGIN_DB);
            if (overshootDb > 0) {
                applyGain(samples, -overshootDb);
            }
        }
        return new Result(LoudnessMeter.integratedLufs(samples, sampleRate), LoudnessMeter.truePeakDbtp(samples, sampleRate));
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
