package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavDecoderTest {

    private static byte[] wav(int declaredDataSize, int channels, short... samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(0x7ffff024).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(22_050).putInt(22_050 * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16)
                .put("data".getBytes()).putInt(declaredDataSize);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void readsAStreamedWavWhosePlaceholderSizeExceedsTheBytes() {
        AudioClip clip = WavDecoder.decode(wav(0x7ffff000, 1, (short) 16384, (short) -16384, (short) 0));
        assertThat(clip.sampleRate()).isEqualTo(22_050);
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f, 0f);
    }

    @Test
    void stopsAtTheDeclaredSizeWhenItFits() {
        AudioClip clip = WavDecoder.decode(wav(4, 1, (short) 100, (short) 200, (short) 300));
        assertThat(clip.samples()).hasSize(2);
    }

    @Test
    void mixesStereoDownToMono() {
        AudioClip clip = WavDecoder.decode(wav(8, 2, (short) 16384, (short) 0, (short) -16384, (short) -16384));
        assertThat(clip.samples()).containsExactly(0.25f, -0.5f);
    }

    @Test
    void rejectsBytesThatAreNotAWav() {
        assertThatThrownBy(() -> WavDecoder.decode("Error load voice".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a RIFF/WAVE");
    }
}
