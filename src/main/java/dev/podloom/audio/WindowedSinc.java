package dev.podloom.audio;

/**
 * Polyphase tables of a Kaiser-windowed sinc low-pass, shared by the resampler and the true-peak meter.
 * Phase {@code p} holds the taps that interpolate the point {@code p / phases} of the way from input sample
 * {@code i} to {@code i + 1}, applied to samples {@code i - half + 1 … i + half}.
 */
final class WindowedSinc {

    private static final double KAISER_BETA = 8.6;

    private WindowedSinc() {
    }

    /**
     * @param cutoff pass band as a fraction of the input Nyquist frequency (1 = the full band)
     * @return {@code phases × 2·half} taps, each phase normalised to unity gain at DC
     */
    static float[] table(int phases, int half, double cutoff) {
        int taps = 2 * half;
        float[] table = new float[phases * taps];
        double[] row = new double[taps];
        double i0Beta = besselI0(KAISER_BETA);
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double tau = frac + half - 1 - j;
                double x = tau / half;
                double window = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
                row[j] = cutoff * sinc(cutoff * tau) * window;
                sum += row[j];
            }
            for (int j = 0; j < taps; j++) {
                table[p * taps + j] = (float) (row[j] / sum);
            }
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x ≤ 20). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
