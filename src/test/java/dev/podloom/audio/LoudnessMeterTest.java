package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoudnessMeterTest {

    @ParameterizedTest
    @ValueSource(ints = {16_000, 24_000, 44_100, 48_000})
    void fullScale997HzSineReadsMinus3LufsAtAnySampleRate(int sampleRate) {
        float[] sine = TestAudio.sine(997, 1.0, 5, sampleRate);

        assertThat(LoudnessMeter.integratedLufs(sine, sampleRate)).isCloseTo(-3.01, within(0.05));
    }

    @Test
    void sineLoudnessFollowsItsAmplitudeInDecibels() {
        float[] sine = TestAudio.sine(1000, 0.1, 5, 24_000);

        assertThat(LoudnessMeter.integratedLufs(sine, 24_000)).isCloseTo(-20 - 3.01, within(0.1));
    }

    @Test
    void silenceHasNoLoudness() {
        assertThat(LoudnessMeter.integratedLufs(new float[24_000 * 5], 24_000)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void audioShorterThanOneGatingBlockHasNoLoudness() {
        assertThat(LoudnessMeter.integratedLufs(TestAudio.sine(1000, 0.5, 0.3, 24_000), 24_000))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void pausesAndVeryQuietPassagesAreGatedOut() {
        int rate = 24_000;
        float[] tone = TestAudio.sine(1000, 0.1, 10, rate);
        float[] whisper = TestAudio.sine(1000, 0.001, 10, rate); // 40 dB down: below the relative gate
        float[] mixed = new float[tone.length * 3];
        System.arraycopy(tone, 0, mixed, 0, tone.length);
        System.arraycopy(whisper, 0, mixed, 2 * tone.length, whisper.length);

        // Only the three blocks straddling the tone's end (mostly tone) still count, pulling it down ~0.07 LU.
        assertThat(LoudnessMeter.integratedLufs(mixed, rate))
                .isCloseTo(LoudnessMeter.integratedLufs(tone, rate), within(0.1));
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() {
        int rate = 24_000;
        float[] quarterRate = new float[rate];
        for (int i = 0; i < quarterRate.length; i++) {
            // A sine at fs/4 sampled 45° off its crests: every sample is at 0.707 of the real peak.
            quarterRate[i] = (float) (0.5 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        }

        assertThat(20 * Math.log10(0.5 * Math.sqrt(0.5))).isCloseTo(-9.03, within(0.01));
        assertThat(LoudnessMeter.truePeakDbtp(quarterRate)).isCloseTo(20 * Math.log10(0.5), within(0.1));
    }

    @Test
    void truePeakOfSilenceIsMinusInfinity() {
        assertThat(LoudnessMeter.truePeakDbtp(new float[1000])).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    @RequiresTool("ffmpeg")
    void integratedLoudnessOfRealSpeechMatchesFfmpegEbur128(@TempDir Path dir) throws Exception {
        AudioClip speech = TestAudio.speak("Loudness is measured the same way by every meter that follows the "
                + "standard. Short pauses between words are gated out, long silences too.", dir);
        Path wav = TestAudio.writeWav(speech.samples(), speech.sampleRate(), dir.resolve("speech.wav"));

        TestAudio.Ebur128 ffmpeg = TestAudio.ffmpegEbur128(wav);

        assertThat(LoudnessMeter.integratedLufs(speech.samples(), speech.sampleRate()))
                .isCloseTo(ffmpeg.integratedLufs(), within(0.5));
        assertThat(LoudnessMeter.truePeakDbtp(speech.samples())).isCloseTo(ffmpeg.truePeakDbtp(), within(0.5));
    }
}
