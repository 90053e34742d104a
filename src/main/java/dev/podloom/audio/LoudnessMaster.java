package dev.podloom.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

    /** Loudness and true peak the mastered audio has. */
    record Result(double integratedLufs, double truePeakDbtp) {
    }

    /**
     * What mastering does to each turn: gain, then (when {@code limiterCeiling > 0}) the limiter, then a trim.
     * Thread-safe: it only reads its settings, so pieces of the episode can be mastered in parallel.
     */
    record Mastering(double gain, double limiterCeiling, double trim, int sampleRate, Result result) {

        static Mastering identity(int sampleRate, Result result) {
            return new Mastering(1, 0, 1, sampleRate, result);
        }

        /** Masters one turn's speech in place and returns it. */
        float[] apply(float[] speech) {
            if (limiterCeiling > 0) {
                // The envelope only needs to be exact where the gained signal can reach the ceiling.
                new PeakLimiter(LoudnessMeter.truePeakEnvelope(speech, limiterCeiling / gain), sampleRate)
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
            return new Mastering(newGain, limiterCeiling, trim, sampleRate, result);
        }

        Mastering withTrim(double newTrim, Result newResult) {
            return new Mastering(gain, limiterCeiling, newTrim, sampleRate, newResult);
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
        Measurement raw = measure(program, null, true);
        if (Double.isInfinite(raw.lufs)) {
            return Mastering.identity(rate, new Result(raw.lufs, raw.peakDbtp()));
        }
        double gainDb = targetLufs - raw.lufs;
        // Interpolation is linear, so gain moves the true peak by exactly the gain in dB.
        double peakDb = raw.peakDbtp() + gainDb;
        if (peakDb <= ceilingDbtp - CEILING_MARGIN_DB) {
            return new Mastering(decibels(gainDb), 0, 1, rate, new Result(raw.lufs + gainDb, peakDb));
        }
        double limiterCeiling = decibels(ceilingDbtp - LIMITER_HEADROOM_DB);
        double maxGainDb = gainDb + MAX_LIMITER_MAKE_UP_DB;
        Mastering limited = new Mastering(decibels(gainDb), limiterCeiling, 1, rate, null);
        double previousGainDb = Double.NaN;
        double previousLufs = Double.NaN;
        for (int pass = 1; pass < MAX_PASSES && gainDb < maxGainDb; pass++) {
            double lufs = measure(program, limited.withGain(decibels(gainDb)), false).lufs;
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
        Measurement after = measure(program, limited, true);
        double overshootDb = after.peakDbtp() - (ceilingDbtp - CEILING_MARGIN_DB);
        double trimDb = Math.min(0, -overshootDb);
        return limited.withTrim(decibels(trimDb), new Result(after.lufs + trimDb, after.peakDbtp() + trimDb));
    }

    private record Measurement(double lufs, double peak) {
        double peakDbtp() {
            return 20 * Math.log10(peak);
        }
    }

    /**
     * Loudness (and, if asked, true peak) of the program as {@code mastering} (null: untouched) would leave it.
     * Turns are mastered a batch at a time on all cores; the loudness integrator takes them in order.
     */
    private static Measurement measure(EpisodeProgram program, Mastering mastering, boolean peak) {
        LoudnessMeter.Integrator integrator = new LoudnessMeter.Integrator(program.sampleRate());
        int batch = 2 * PARALLELISM;
        double maxPeak = 0;
        int position = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            for (int first = 0; first < program.turns().size(); first += batch) {
                List<Future<Mastered>> futures = new ArrayList<>();
                for (int i = first; i < Math.min(program.turns().size(), first + batch); i++) {
                    TurnAudio turn = program.turns().get(i);
                    futures.add(pool.submit(() -> {
                        float[] speech = turn.read();
                        float[] out = mastering == null ? speech : mastering.apply(speech);
                        return new Mastered(out, peak ? LoudnessMeter.truePeak(out) : 0);
                    }));
                }
                for (int k = 0; k < futures.size(); k++) {
                    Mastered turn = await(futures.get(k));
                    int start = program.timeline().turnStart(first + k);
                    integrator.addSilence(start - position);
                    for (float s : turn.samples) {
                        integrator.add(s);
                    }
                    position = start + turn.samples.length;
                    maxPeak = Math.max(maxPeak, turn.peak);
                }
            }
        }
        integrator.addSilence(program.totalSamples() - position);
        return new Measurement(integrator.integratedLufs(), maxPeak);
    }

    private record Mastered(float[] samples, double peak) {
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while mastering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Mastering failed", e.getCause());
        }
    }

    private static double decibels(double db) {
        return Math.pow(10, db / 20);
    }
}
