package dev.podloom.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeakLimiterTest {

    private static final int RATE = 24_000;

    @Test
    void burstsAreHeldUnderTheCeilingIncludingBetweenSamplesWhileQuietAudioIsUntouched() {
        float[] signal = TestAudio.sine(300, 0.2, 2, RATE);
        for (int i = RATE / 2; i < RATE / 2 + 2_400; i++) {
            signal[i] *= 5; // a 100 ms burst at 1.0
        }
        float[] original = signal.clone();

        limit(signal, 0.5);

        assertThat(LoudnessMeter.truePeak(signal)).isLessThanOrEqualTo(0.5 * 1.01);
        // Well before the burst and long after the release, the audio is bit-identical.
        for (int i = 0; i < RATE / 4; i++) {
            assertThat(signal[i]).isEqualTo(original[i]);
        }
        assertThat(signal[RATE + RATE / 2]).isCloseTo(original[RATE + RATE / 2], within(1e-4f));
    }

    @Test
    void gainIsAppliedBeforeLimiting() {
        float[] signal = TestAudio.sine(300, 0.1, 1, RATE);
        float[] original = signal.clone();

        new PeakLimiter(LoudnessMeter.truePeakEnvelope(signal, 0.1), RATE).apply(signal, 20, 0.5);

        assertThat(LoudnessMeter.truePeak(signal)).isCloseTo(0.5, within(0.01));
        assertThat(LoudnessMeter.truePeak(original)).isCloseTo(0.1, within(0.001));
    }

    @Test
    void predictsTheLoudnessItsOutputWillHave() {
        float[] signal = TestAudio.sine(300, 0.2, 3, RATE);
        for (int i = RATE; i < RATE + 4_800; i++) {
            signal[i] *= 4;
        }
        PeakLimiter limiter = new PeakLimiter(LoudnessMeter.truePeakEnvelope(signal, 0.05), RATE);

        double predicted = limiter.loudnessAfter(signal, 2, 0.5, RATE);
        limiter.apply(signal, 2, 0.5);

        assertThat(predicted).isEqualTo(LoudnessMeter.integratedLufs(signal, RATE));
    }

    @Test
    void gainChangesSmoothlyWithoutClicks() {
        float[] signal = new float[RATE];
        java.util.Arrays.fill(signal, 0.2f);
        java.util.Arrays.fill(signal, RATE / 2, RATE / 2 + 10, 1.0f); // a 10-sample spike

        limit(signal, 0.5);

        // On a constant signal the output is the gain curve: no step may exceed 1 % of the level per sample.
        for (int i = 1; i < signal.length; i++) {
            if (signal[i - 1] < 0.21f && signal[i] < 0.21f) {
                assertThat(Math.abs(signal[i] - signal[i - 1])).isLessThan(0.2f * 0.01f);
            }
        }
        assertThat(signal[RATE / 2]).isLessThanOrEqualTo(0.5f + 1e-6f);
    }

    private static void limit(float[] signal, double ceiling) {
        new PeakLimiter(LoudnessMeter.truePeakEnvelope(signal, ceiling), RATE).apply(signal, 1, ceiling);
    }
}
