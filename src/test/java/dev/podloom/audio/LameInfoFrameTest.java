package dev.podloom.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LameInfoFrameTest {

    private static final int RATE = 24_000;

    @Test
    void firstFrameCarriesFrameCountEncoderDelayAndPadding() {
        float[] tone = TestAudio.sine(440, 0.3, 2, RATE);
        byte[] mp3 = jump3r(tone);
        Mp3Frames frames = Mp3Frames.scan(mp3, 0);

        LameInfoFrame.write(mp3, frames, 64, tone.length);

        ByteBuffer tag = ByteBuffer.wrap(mp3);
        assertThat(new String(mp3, 13, 4, StandardCharsets.ISO_8859_1)).isEqualTo("Info");
        assertThat(tag.getInt(17)).isEqualTo(0x0F);
        assertThat(tag.getInt(21)).isEqualTo(frames.frames() - 1);
        assertThat(tag.getInt(25)).isEqualTo(mp3.length);
        int lame = 13 + 16 + 100 + 4;
        assertThat(new String(mp3, lame, 4, StandardCharsets.ISO_8859_1)).isEqualTo("LAME");
        int delayAndPadding = (mp3[lame + 21] & 0xFF) << 16 | (mp3[lame + 22] & 0xFF) << 8 | (mp3[lame + 23] & 0xFF);
        int delay = delayAndPadding >> 12;
        int padding = delayAndPadding & 0xFFF;
        assertThat(delay).isEqualTo(576);
        assertThat(delay + tone.length + padding).isEqualTo((frames.frames() - 1) * 576);
        assertThat(tag.getShort(lame + 34) & 0xFFFF).isEqualTo(LameInfoFrame.crc16(mp3, 0, lame + 34));
        assertThat(Mp3Frames.scan(mp3, 0)).isEqualTo(frames);
    }

    /** A raw jump3r stream: the reserved frame, then the audio. */
    private static byte[] jump3r(float[] samples) {
        try {
            Path file = Files.createTempFile("lame-info", ".mp3");
            try {
                byte[] pcm = new byte[samples.length * 2];
                for (int i = 0; i < samples.length; i++) {
                    int value = Math.round(samples[i] * 32767);
                    pcm[2 * i] = (byte) value;
                    pcm[2 * i + 1] = (byte) (value >> 8);
                }
                try (Mp3Backend.Session session = new Mp3Backend.Jump3r().open(file, RATE, 64)) {
                    session.write(pcm, pcm.length);
                }
                return Files.readAllBytes(file);
            } finally {
                Files.delete(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStreamedInfoFrameMatchesTheOneWrittenInPlace() {
        float[] tone = TestAudio.sine(440, 0.3, 2, RATE);
        byte[] mp3 = jump3r(tone);
        Mp3Frames frames = Mp3Frames.scan(mp3, 0);
        int reserved = LameInfoFrame.reservedFrameLength(mp3);
        byte[] header = java.util.Arrays.copyOfRange(mp3, 0, 4); // the reserved frame's own header
        int crc = LameInfoFrame.crc16(mp3, reserved, mp3.length - reserved);

        byte[] streamed = LameInfoFrame.frame(header, frames.frames() - 1, mp3.length, crc, 64, tone.length);
        LameInfoFrame.write(mp3, frames, 64, tone.length);

        assertThat(streamed).isEqualTo(java.util.Arrays.copyOf(mp3, reserved));
    }

    @Test
    void crc16IsTheArcVariantLameUses() {
        assertThat(LameInfoFrame.crc16("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9)).isEqualTo(0xBB3D);
    }

    @Test
    void refusesToOverwriteAFrameThatCarriesAudio() {
        float[] tone = TestAudio.sine(440, 0.3, 1, RATE);
        byte[] mp3 = jump3r(tone);
        Mp3Frames frames = Mp3Frames.scan(mp3, 0);
        mp3[100] = 1;

        assertThatThrownBy(() -> LameInfoFrame.write(mp3, frames, 64, tone.length))
                .isInstanceOf(IllegalStateException.class);
    }
}
