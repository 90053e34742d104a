package dev.podloom.audio;

/**
 * Brings an episode to a target integrated loudness under a true-peak ceiling, streaming: a first pass measures
 * loudness and true peak turn by turn; the gain (and, if the gained peak would exceed the ceiling, the look-ahead
 * limiter's settings) follow from it; further passes only measure what the limited audio would give. The
 * result is a {@link Mastering}, applied to each turn as the encoder reaches it. Nothing of the episode is held
 * beyond one turn.
 *
 * <p>Limiting takes loudness off peaky speech (synthetic voices often have a 20 dB crest factor), so the gain is
 * re-derived from the loudness the limited audio would have and tried again. Under heavy limiting, 1 dB more
 * gain yields well under 1 dB more loudness, so the correction follows the measured slope (secant steps); it
 * settles within 0.2 LU in two or three passes. A last trim covers the little overshoot that gain modulation can
 * still cause between samples.
 *
 * <p>The limiter runs per turn: turns are separated by at least 200 ms of digital silence, longer than the
 * limiter's look-ahead and most of its release, so each turn starts with the gain it needs.
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

    /** Loudness and true peak the mastered audio has. */
    record Result(double integratedLufs, double truePeakDbtp) {
    }

    /**
     * What mastering does to each turn: gain, then (when {@code limiterCeiling > 0}) the limiter, then a trim.
     * Thread-safe: it only reads its settings, so pieces of the episode can be mastered in parallel.
     */
    record Mastering(double gain, double limiterCeiling, double envelopeLevel, double trim, int sampleRate,
                     Result result) {

        static Mastering identity(int sampleRate, Result result) {
            return new Mastering(1, 0, 0, 1, sampleRate, result);
        }

        /** Masters one turn's speech in place and returns it. */
        float[] apply(float[] speech) {
            if (limiterCeiling > 0) {
                new PeakLimiter(LoudnessMeter.truePeakEnvelope(speech, envelopeLevel), sampleRate)
                        .apply(speech, gain * trim, limiterCeiling * trim);
            } else {
                float factor = (float) (gain * trim);
                for (int i = 0; i < speech.length; i++) {
                    speech[i] *= factor;
                }
            }
            return speech;
        }

        Mastering withGain(double newGain) {
            return new Mastering(newGain, limiterCeiling, envelopeLevel, trim, sampleRate, result);
        }

        Mastering withTrim(double newTrim, Result newResult) {
            return new Mastering(gain, limiterCeiling, envelopeLevel, newTrim, sampleRate, newResult);
        }
    }

    private final double targetLufs;
    private final double ceilingDbtp;

    LoudnessMaster(double targetLufs, double ceilingDbtp) {
        this.targetLufs = targetLufs;
        this.ceilingDbtp = ceilingDbtp;
    }

    /** Plans the mastering of {@code program}; silence is left untouched. */
    Mastering master(EpisodeProgram program) {
        int rate = program.sampleRate();
        Measurement raw = measure(program, Mastering.identity(rate, null));
        if (Double.isInfinite(raw.lufs)) {
            return Mastering.identity(rate, new Result(raw.lufs, raw.peakDbtp()));
        }
        double gainDb = targetLufs - raw.lufs;
        // Interpolation is linear, so gain moves the true peak by exactly the gain in dB.
        double peakDb = raw.peakDbtp() + gainDb;
        if (peakDb <= ceilingDbtp - CEILING_MARGIN_DB) {
            return new Mastering(decibels(gainDb), 0, 0, 1, rate, new Result(raw.lufs + gainDb, peakDb));
        }
        double limiterCeiling = decibels(ceilingDbtp - LIMITER_HEADROOM_DB);
        double maxGainDb = gainDb + MAX_LIMITER_MAKE_UP_DB;
        Mastering limited = new Mastering(decibels(gainDb), limiterCeiling, limiterCeiling / decibels(maxGainDb),
                1, rate, null);
        double previousGainDb = Double.NaN;
        double previousLufs = Double.NaN;
        for (int pass = 1; pass < MAX_PASSES && gainDb < maxGainDb; pass++) {
            double lufs = measure(program, limited.withGain(decibels(gainDb))).lufs;
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
        limited = limited.withGain(decibels(gainDb));
        Measurement after = measure(program, limited);
        double overshootDb = after.peakDbtp() - (ceilingDbtp - CEILING_MARGIN_DB);
        double trimDb = Math.min(0, -overshootDb);
        return limited.withTrim(decibels(trimDb), new Result(after.lufs + trimDb, after.peakDbtp() + trimDb));
    }

    private record Measurement(double lufs, double peak) {
        double peakDbtp() {
            return 20 * Math.log10(peak);
        }
    }

    /** Loudness and true peak of the program as {@code mastering} would leave it, one turn at a time. */
    private static Measurement measure(EpisodeProgram program, Mastering mastering) {
        LoudnessMeter.Integrator integrator = new LoudnessMeter.Integrator(program.sampleRate());
        double[] peak = {0};
        program.walk(new EpisodeProgram.Walker() {
            @Override
            public void turn(int index, float[] speech) {
                float[] mastered = mastering.apply(speech);
                for (float s : mastered) {
                    integrator.add(s);
                }
                peak[0] = Math.max(peak[0], LoudnessMeter.truePeak(mastered));
            }

            @Override
            public void silence(int samples) {
                integrator.addSilence(samples);
            }
        });
        return new Measurement(integrator.integratedLufs(), peak[0]);
    }

    private static double decibels(double db) {
        return Math.pow(10, db / 20);
    }
}
