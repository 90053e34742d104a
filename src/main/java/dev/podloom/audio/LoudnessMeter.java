package dev.podloom.audio;

/**
 * Loudness and true peak of mono audio per ITU-R BS.1770-4 / EBU R128.
 *
 * <p>Integrated loudness: K-weighting (high-shelf + high-pass biquads, designed for the actual sample rate
 * rather than taken from the 48 kHz table), mean square over 400 ms blocks with 75 % overlap, an absolute
 * gate at −70 LUFS and a relative gate 10 LU below the absolute-gated loudness. A mono channel has weight 1,
 * so a full-scale 997 Hz sine reads −3.01 LUFS.
 *
 * <p>True peak: 4× polyphase windowed-sinc oversampling (12 taps per phase), as BS.1770-4 Annex 2 asks.
 * Stretches whose samples cannot possibly interpolate above the peak found so far are skipped, which keeps
 * the exact answer at a fraction of the cost.
 */
public final class LoudnessMeter {

    /** Reported when no block passes the absolute gate (silence or less than 400 ms of audio). */
    public static final double SILENCE_LUFS = Double.NEGATIVE_INFINITY;

    private static final double ABSOLUTE_GATE_LUFS = -70;
    private static final double RELATIVE_GATE_LU = -10;
    private static final int TRUE_PEAK_HALF_TAPS = 6;
    private static final int TRUE_PEAK_OVERSAMPLING = 4;
    /** Small enough that the skip test follows speech closely, large enough to amortise its neighbourhood. */
    private static final int TRUE_PEAK_BLOCK = 32;

    private LoudnessMeter() {
    }

    public static double integratedLufs(float[] samples, int sampleRate) {
        Integrator integrator = new Integrator(sampleRate);
        for (float sample : samples) {
            integrator.add(sample);
        }
        return integrator.integratedLufs();
    }

    /** True peak in dBTP; {@code -Infinity} for digital silence. */
    public static double truePeakDbtp(float[] samples) {
        return 20 * Math.log10(truePeak(samples));
    }

    /** True peak as a linear amplitude (1.0 = full scale). */
    public static double truePeak(float[] samples) {
        Oversampler oversampler = new Oversampler();
        double peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        for (int start = 0; start < samples.length; start += TRUE_PEAK_BLOCK) {
            int end = Math.min(samples.length, start + TRUE_PEAK_BLOCK);
            if (oversampler.mayExceed(samples, start, end, peak)) {
                for (int i = start; i < end; i++) {
                    peak = Math.max(peak, oversampler.peakAfter(samples, i));
                }
            }
        }
        return peak;
    }

    /**
     * Per-sample peak including the inter-sample peaks on either side, for a limiter that must hold a
     * true-peak ceiling. Exact wherever it can exceed {@code level}; elsewhere just the sample's magnitude.
     */
    static float[] truePeakEnvelope(float[] samples, double level) {
        Oversampler oversampler = new Oversampler();
        float[] envelope = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            envelope[i] = Math.abs(samples[i]);
        }
        for (int start = 0; start < samples.length; start += TRUE_PEAK_BLOCK) {
            int end = Math.min(samples.length, start + TRUE_PEAK_BLOCK);
            if (oversampler.mayExceed(samples, start, end, level)) {
                for (int i = start; i < end; i++) {
                    float between = (float) oversampler.peakAfter(samples, i);
                    envelope[i] = Math.max(envelope[i], between);
                    if (i + 1 < samples.length) {
                        envelope[i + 1] = Math.max(envelope[i + 1], between);
                    }
                }
            }
        }
        return envelope;
    }

    /** Polyphase interpolation with 12 taps per phase. */
    private static final class Oversampler {

        private final int factor;
        private final int half = TRUE_PEAK_HALF_TAPS;
        private final int taps = 2 * TRUE_PEAK_HALF_TAPS;
        private final float[] table;
        /** No interpolated value exceeds this multiple of the largest sample among its taps. */
        private final double gainBound;

        Oversampler() {
            factor = TRUE_PEAK_OVERSAMPLING;
            table = WindowedSinc.table(factor, half, 1.0);
            double bound = 0;
            for (int p = 0; p < factor; p++) {
                double abs = 0;
                for (int j = 0; j < taps; j++) {
                    abs += Math.abs(table[p * taps + j]);
                }
                bound = Math.max(bound, abs);
            }
            gainBound = bound;
        }

        /** Whether any interpolated value between samples {@code start … end} could exceed {@code level}. */
        boolean mayExceed(float[] samples, int start, int end, double level) {
            double neighbourhood = 0;
            for (int i = Math.max(0, start - half + 1); i < Math.min(samples.length, end + half); i++) {
                neighbourhood = Math.max(neighbourhood, Math.abs(samples[i]));
            }
            return neighbourhood * gainBound > level;
        }

        /** Largest magnitude strictly between sample {@code i} and {@code i + 1}. */
        double peakAfter(float[] samples, int i) {
            int n = samples.length;
            int first = i - half + 1;
            boolean inside = first >= 0 && first + taps <= n;
            double peak = 0;
            for (int p = 1; p < factor; p++) {
                int offset = p * taps;
                double acc = 0;
                if (inside) {
                    for (int j = 0; j < taps; j++) {
                        acc += table[offset + j] * samples[first + j];
                    }
                } else {
                    for (int j = Math.max(0, -first); j < taps && first + j < n; j++) {
                        acc += table[offset + j] * samples[first + j];
                    }
                }
                peak = Math.max(peak, Math.abs(acc));
            }
            return peak;
        }
    }

    /**
     * Integrated loudness of a stream of samples, for callers that produce audio sample by sample and need
     * its loudness without storing it (the mastering passes).
     */
    static final class Integrator {

        private final int step;
        // K-weighting stage 1: high shelf modelling the head (BS.1770-4 design, re-derived for the rate).
        private final double sb0, sb1, sb2, sa1, sa2;
        // Stage 2: RLB high-pass (numerator 1, -2, 1).
        private final double ha1, ha2;
        private double s1, s2, h1, h2;
        private double stepSum;
        private int inStep;
        /** Sum of squares of the K-weighted signal per completed 100 ms step. */
        private double[] stepEnergy = new double[64];
        private int steps;

        Integrator(int sampleRate) {
            step = (int) Math.round(sampleRate * 0.1);
            double k = Math.tan(Math.PI * 1681.974450955533 / sampleRate);
            double vh = Math.pow(10, 3.999843853973347 / 20);
            double vb = Math.pow(vh, 0.4996667741545416);
            double q = 0.7071752369554196;
            double a0 = 1 + k / q + k * k;
            sb0 = (vh + vb * k / q + k * k) / a0;
            sb1 = 2 * (k * k - vh) / a0;
            sb2 = (vh - vb * k / q + k * k) / a0;
            sa1 = 2 * (k * k - 1) / a0;
            sa2 = (1 - k / q + k * k) / a0;
            k = Math.tan(Math.PI * 38.13547087602444 / sampleRate);
            q = 0.5003270373238773;
            a0 = 1 + k / q + k * k;
            ha1 = 2 * (k * k - 1) / a0;
            ha2 = (1 - k / q + k * k) / a0;
        }

        void add(float sample) {
            // Both biquads in transposed direct form II.
            double y = sb0 * sample + s1;
            s1 = sb1 * sample - sa1 * y + s2;
            s2 = sb2 * sample - sa2 * y;
            double z = y + h1;
            h1 = -2 * y - ha1 * z + h2;
            h2 = y - ha2 * z;
            stepSum += z * z;
            if (++inStep == step) {
                if (steps == stepEnergy.length) {
                    stepEnergy = java.util.Arrays.copyOf(stepEnergy, steps * 2);
                }
                stepEnergy[steps++] = stepSum;
                stepSum = 0;
                inStep = 0;
            }
        }

        /** Adds {@code count} samples of digital silence (the filters still ring out their state). */
        void addSilence(int count) {
            for (int i = 0; i < count; i++) {
                add(0f);
            }
        }

        /** Gated loudness of the complete 400 ms blocks (75 % overlap) seen so far. */
        double integratedLufs() {
            if (steps < 4) {
                return SILENCE_LUFS;
            }
            int blocks = steps - 3;
            double[] blockPower = new double[blocks];
            double absoluteGate = powerOf(ABSOLUTE_GATE_LUFS);
            double sum = 0;
            int count = 0;
            for (int b = 0; b < blocks; b++) {
                blockPower[b] = (stepEnergy[b] + stepEnergy[b + 1] + stepEnergy[b + 2] + stepEnergy[b + 3])
                        / (4.0 * step);
                if (blockPower[b] > absoluteGate) {
                    sum += blockPower[b];
                    count++;
                }
            }
            if (count == 0) {
                return SILENCE_LUFS;
            }
            double relativeGate = powerOf(lufsOf(sum / count) + RELATIVE_GATE_LU);
            double gatedSum = 0;
            int gatedCount = 0;
            for (double power : blockPower) {
                if (power > absoluteGate && power > relativeGate) {
                    gatedSum += power;
                    gatedCount++;
                }
            }
            return lufsOf(gatedSum / gatedCount);
        }
    }

    private static double powerOf(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double lufsOf(double power) {
        return -0.691 + 10 * Math.log10(power);
    }
}
