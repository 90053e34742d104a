package dev.podloom.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"8000, 24000", "16000, 24000", "22050, 24000", "44100, 24000", "48000, 24000", "24000, 16000"})
    void preservesASinesFrequencyAndAmplitude(int from, int to) {
        double frequency = 1000;
        float[] input = TestAudio.sine(frequency, 0.5, 2, from);

        float[] output = Resampler.resample(input, from, to);

        assertThat(output).hasSize(Resampler.outputLength(input.length, from, to));
        // Judge the middle second, away from the edges where the filter sees silence beyond the input.
        int start = to / 2;
        int end = start + to;
        assertThat(zeroCrossings(output, start, end) / 2.0).isCloseTo(frequency, within(1.0));
        assertThat(rms(output, start, end)).isCloseTo(0.5 / Math.sqrt(2), within(0.002));
        assertThat(maxError(output, start, end, frequency, to)).isLessThan(0.002);
    }

    @Test
    void removesContentAboveTheNewNyquistFrequencyWhenDownsampling() {
        float[] tone = TestAudio.sine(15_000, 0.5, 1, 48_000); // above 12 kHz: must not alias to 9 kHz

        float[] output = Resampler.resample(tone, 48_000, 24_000);

        assertThat(rms(output, 2_000, 22_000)).isLessThan(0.5 * 1e-3);
    }

    @Test
    void leavesAudioAtTheTargetRateUnchanged() {
        float[] input = TestAudio.sine(440, 0.3, 0.1, 24_000);

        assertThat(Resampler.resample(input, 24_000, 24_000)).containsExactly(input);
    }

    private static int zeroCrossings(float[] samples, int from, int to) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double maxError(float[] samples, int from, int to, double frequency, int rate) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(samples[i] - 0.5 * Math.sin(2 * Math.PI * frequency * i / rate)));
        }
        return max;
    }
}
