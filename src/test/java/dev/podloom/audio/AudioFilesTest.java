package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.testsupport.AudioProbe;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AudioFilesTest {

    @TempDir
    Path dir;

    @Test
    void aStereoWavIsReadAsMonoAtTheEpisodeRate() throws Exception {
        float[] tone = AudioProbe.chord(2, 44_100, 0.5, 440);
        AudioClip clip = AudioFiles.decode(AudioProbe.wav(tone, 44_100, 2), 60, 24_000);
        assertThat(clip.sampleRate()).isEqualTo(24_000);
        assertThat(clip.samples()).hasSize(48_000);
        assertThat(LoudnessMeter.truePeak(clip.samples())).isCloseTo(0.5, within(0.01));
    }

    @Test
    void aFloatWavIsReadToo() throws Exception {
        float[] tone = AudioProbe.chord(1, 24_000, 0.25, 1000);
        ByteBuffer wav = ByteBuffer.allocate(44 + tone.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + tone.length * 4).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 3).putShort((short) 1).putInt(24_000).putInt(96_000)
                .putShort((short) 4).putShort((short) 32).put("data".getBytes()).putInt(tone.length * 4);
        for (float s : tone) {
            wav.putFloat(s);
        }
        AudioClip clip = AudioFiles.decode(wav.array(), 60, 24_000);
        assertThat(clip.samples()).hasSameSizeAs(tone);
        for (int i = 0; i < tone.length; i++) {
            assertThat(clip.samples()[i]).isCloseTo(tone[i], within(1e-6f));
        }
    }

    @Test
    @RequiresTool("ffmpeg")
    void anMp3DecodesGaplessToItsOriginalLengthAndLevel() throws Exception {
        float[] tone = AudioProbe.chord(3, 44_100, 0.5, 440);
        byte[] mp3 = AudioProbe.mp3(tone, 44_100, dir);
        assertThat(AudioFiles.sniff(mp3)).contains(AudioFiles.Container.MP3);
        AudioClip clip = AudioFiles.decode(mp3, 60, 44_100);
        assertThat(clip.samples().length).isCloseTo(tone.length, within(1152));
        assertThat(LoudnessMeter.integratedLufs(clip.samples(), 44_100))
                .isCloseTo(LoudnessMeter.integratedLufs(tone, 44_100), within(0.5));
    }

    @Test
    @RequiresTool("ffmpeg")
    void decodingStopsOnceTheAudioIsLongerThanAllowed() throws Exception {
        byte[] mp3 = AudioProbe.mp3(AudioProbe.chord(8, 44_100, 0.5, 440), 44_100, dir);
        assertThatThrownBy(() -> AudioFiles.decode(mp3, 5, 24_000)).isInstanceOf(AudioFiles.TooLongException.class);
    }

    @Test
    void bytesThatAreNeitherWavNorMp3AreRefusedWithAReadableReason() {
        assertThat(AudioFiles.sniff("hello, this is text".getBytes())).isEmpty();
        assertThatThrownBy(() -> AudioFiles.decode("hello, this is text".getBytes(), 60, 24_000))
                .isInstanceOf(AudioFiles.UnreadableAudioException.class).hasMessageContaining("neither a WAV");
        byte[] header = new byte[]{'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'j', 'u', 'n', 'k'};
        assertThatThrownBy(() -> AudioFiles.decode(header, 60, 24_000))
                .isInstanceOf(AudioFiles.UnreadableAudioException.class).hasMessageContaining("no data chunk");
    }

    @Test
    void theStoredFormIsA16BitMonoWavThatReadsBack() throws Exception {
        float[] tone = AudioProbe.chord(1, 24_000, 0.5, 440);
        AudioClip back = AudioFiles.decode(AudioFiles.wav(new AudioClip(tone, 24_000)), 60, 24_000);
        assertThat(back.samples()).hasSameSizeAs(tone);
        for (int i = 0; i < tone.length; i += 97) {
            assertThat(back.samples()[i]).isCloseTo(tone[i], within(1e-4f));
        }
    }
}
