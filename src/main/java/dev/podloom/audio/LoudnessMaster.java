package dev.podloom.audio;

/**
 * Brings audio to a target integrated loudness under a true-peak ceiling: gain, then the look-ahead limiter
 * if the gained peak would exceed the ceiling. Limiting takes loudness off peaky speech (synthetic voices
 * often have a 20 dB crest factor), so the gain is re-derived from the loudness the limited audio would have
 * (measured as it streams out of the limiter, never stored) and tried again. Under heavy limiting, 1 dB more gain yields well under 1 dB more loudness, so the
 * correction follows the measured slope (secant steps); it settles within 0.2 LU in two or three passes.
 * A last trim covers the little overshoot that gain modulation can still cause between samples.
 */
final class LoudnessMaster {

    /** The limiter aims this far under the ceiling: a gain change slightly reshapes the peaks between samples. */
    private static final double LIMITER_HEADROOM_DB = 0.2;
    /** Aim this far under the ceiling when trimming, so rounding to 16-bit cannot push the peak over. */
    private static final double CEILING_MARGIN_DB = 0.05;
    /** Limiting harder than this beyond plain normalisation would audibly pump; accept a quieter result. */
    private static final double MAX_LIMITER_MAKE_UP_DB = 12;
    private static final int MAX_PASSES = 4;
    private static final double TOLERANCE_LU = 0.2;

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
            return new Result(loudness, LoudnessMeter.truePeakDbtp(samples));
        }
        double gainDb = targetLufs - loudness;
        // Interpolation is linear, so gain moves the true peak by exactly the gain in dB.
        double peakDb = LoudnessMeter.truePeakDbtp(samples) + gainDb;
        if (peakDb <= ceilingDbtp - CEILING_MARGIN_DB) {
            scale(samples, decibels(gainDb));
        } else {
            limitToTarget(samples, sampleRate, gainDb);
            peakDb = LoudnessMeter.truePeakDbtp(samples);
            double overshootDb = peakDb - (ceilingDbtp - CEILING_MARGIN_DB);
            if (overshootDb > 0) {
                scale(samples, decibels(-overshootDb));
                peakDb -= overshootDb;
            }
        }
        return new Result(LoudnessMeter.integratedLufs(samples, sampleRate), peakDb);
    }

    private void limitToTarget(float[] samples, int sampleRate, double gainDb) {
        double limiterCeiling = decibels(ceilingDbtp - LIMITER_HEADROOM_DB);
        double maxGainDb = gainDb + MAX_LIMITER_MAKE_UP_DB;
        PeakLimiter limiter = new PeakLimiter(
                LoudnessMeter.truePeakEnvelope(samples, limiterCeiling / decibels(maxGainDb)), sampleRate);
        double previousGainDb = Double.NaN;
        double previousLufs = Double.NaN;
        for (int pass = 1; pass < MAX_PASSES && gainDb < maxGainDb; pass++) {
            double lufs = limiter.loudnessAfter(samples, decibels(gainDb), limiterCeiling, sampleRate);
            if (Math.abs(targetLufs - lufs) < TOLERANCE_LU) {
                break;
            }
            // Loudness gained per dB of gain, from the last two passes; 1 before there are two.
            double slope = Double.isNaN(previousLufs) ? 1
                    : Math.clamp((lufs - previousLufs) / (gainDb - previousGainDb), 0.1, 1);
            previousGainDb = gainDb;
            previousLufs = lufs;
            gainDb = Math.min(maxGainDb, gainDb + (targetLufs - lufs) / slope);
        }
        limiter.apply(samples, decibels(gainDb), limiterCeiling);
    }

    private static double decibels(double db) {
        return Math.pow(10, db / 20);
    }

    private static void scale(float[] samples, double gain) {
        float factor = (float) gain;
        for (int i = 0; i < samples.length; i++) {
            samples[i] *= factor;
        }
    }
}
