package dev.podloom.audio;

import dev.podloom.testsupport.ExternalTool;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void cutsPiecesOnlyInsideSilenceAndDropsExactlyWhatDecodingAddsBack() {
        float[] talk = talkWithPauses(100);

        List<int[]> pieces = Mp3Encoder.pieces(talk, 3);

        assertThat(pieces).hasSize(3);
        assertThat(pieces.getFirst()[0]).isZero();
        assertThat(pieces.getLast()[1]).isEqualTo(talk.length);
        for (int p = 1; p < pieces.size(); p++) {
            int cut = pieces.get(p - 1)[1];
            int next = pieces.get(p)[0];
            assertThat(next - cut).isEqualTo(Mp3Encoder.dropped(cut - pieces.get(p - 1)[0]));
            assertThat(peak(talk, cut - 2 * 576, next + 2 * 576)).isZero();
        }
    }

    @ParameterizedTest(name = "talk starting after {0} samples of silence")
    @ValueSource(ints = {0, 1, 37, 101, 229, 288, 300, 401, 527, 575, 576, 1153, 7240349 % 576})
    void piecewiseEncodingNeverFailsAndHasTheFramesOfOneWholeEncode(int leadIn) {
        // Where the cut falls relative to frame boundaries varies with the lead-in; for some lengths
        // LAME's flush ends a frame later than modelled, and the encoder must still produce the whole file.
        float[] talk = talkWithPauses(12);
        float[] shifted = new float[talk.length + leadIn];
        System.arraycopy(talk, 0, shifted, leadIn, talk.length);

        long pieces = Mp3Frames.scan(Mp3Encoder.encode(shifted, RATE, 64, 3), 0).frames();
        long whole = Mp3Frames.scan(Mp3Encoder.encode(shifted, RATE, 64, 1), 0).frames();

        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void audioWithoutLongEnoughSilenceIsEncodedInOnePiece() {
        assertThat(Mp3Encoder.pieces(TestAudio.sine(440, 0.3, 100, RATE), 4)).hasSize(1);
    }

    @Test
    @RequiresTool("ffmpeg")
    void piecesEncodedInParallelDecodeGaplessOnTheOriginalTimeline(@TempDir Path dir) throws Exception {
        float[] talk = talkWithPauses(100);
        byte[] mp3 = Mp3Encoder.encode(talk, RATE, 64, 3);
        LameInfoFrame.write(mp3, Mp3Frames.scan(mp3, 0), 64, talk.length);
        Files.write(dir.resolve("talk.mp3"), mp3);
        ExternalTool.run("ffmpeg", "-v", "error", "-i", dir.resolve("talk.mp3").toString(), dir.resolve("talk.wav").toString());

        float[] decoded = TestAudio.readWav(dir.resolve("talk.wav")).samples();

        assertThat(decoded).hasSize(talk.length);
        for (int second : new int[]{5, 50, 95}) {
            assertThat(bestLag(talk, decoded, second * RATE)).as("lag at %d s", second).isZero();
        }
    }

    /** Tone bursts of 1.7 s separated by 0.3 s of digital silence, like turns and pauses. */
    private static float[] talkWithPauses(int seconds) {
        float[] talk = TestAudio.sine(330, 0.3, seconds, RATE);
        for (int i = 0; i < talk.length; i++) {
            if (i % (2 * RATE) >= 1.7 * RATE) {
                talk[i] = 0;
            }
        }
        return talk;
    }

    private static int bestLag(float[] reference, float[] decoded, int at) {
        int best = Integer.MIN_VALUE;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int lag = -40; lag <= 40; lag++) {
            double correlation = 0;
            for (int i = at; i < at + 2_000; i++) {
                correlation += reference[i] * decoded[i + lag];
            }
            if (correlation > bestCorrelation) {
                bestCorrelation = correlation;
                best = lag;
            }
        }
        return best;
    }

    private static float peak(float[] samples, int from, int to) {
        float peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    private static double rmsDb(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return 10 * Math.log10(sum / (to - from));
    }
}
