package dev.podloom.audio;

import dev.podloom.testsupport.ExternalTool;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Mp3EncoderTest {

    private static final int RATE = 24_000;

    @Test
    void encodesAChainOfValidMono24kHz64kbpsFramesCoveringEverySample() {
        float[] tone = TestAudio.sine(440, 0.3, 10, RATE);

        Mp3Frames frames = Mp3Frames.scan(Mp3Encoder.encode(tone, RATE, 64), 0);

        assertThat(frames.sampleRate()).isEqualTo(RATE);
        assertThat(frames.bitrateKbps()).isEqualTo(64);
        assertThat(frames.mono()).isTrue();
        assertThat(frames.samplesPerFrame()).isEqualTo(576);
        assertThat(frames.samples()).isBetween((long) tone.length, tone.length + 5 * 576L);
    }

    @Test
    void aCutStreamIsRejected() {
        byte[] mp3 = Mp3Encoder.encode(TestAudio.sine(440, 0.3, 1, RATE), RATE, 64);

        assertThatThrownBy(() -> Mp3Frames.scan(java.util.Arrays.copyOf(mp3, mp3.length - 10), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Mp3Frames.scan(new byte[]{'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0}, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 1000, 6000})
    @RequiresTool("ffmpeg")
    void decodedAudioKeepsTheInputLevel(int frequency, @TempDir Path dir) throws Exception {
        float[] tone = TestAudio.sine(frequency, 0.3, 3, RATE);
        Files.write(dir.resolve("tone.mp3"), Mp3Encoder.encode(tone, RATE, 64));
        ExternalTool.run("ffmpeg", "-v", "error", "-i", dir.resolve("tone.mp3").toString(), dir.resolve("tone.wav").toString());

        float[] decoded = TestAudio.readWav(dir.resolve("tone.wav")).samples();

        assertThat(rmsDb(decoded, RATE, 2 * RATE)).isCloseTo(rmsDb(tone, RATE, 2 * RATE), within(0.1));
    }

    private static double rmsDb(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return 10 * Math.log10(sum / (to - from));
    }
}
