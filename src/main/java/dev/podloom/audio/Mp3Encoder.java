package dev.podloom.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;

/** Encodes mono float PCM to a constant-bit-rate MP3 stream with jump3r (a pure-Java port of LAME). */
final class Mp3Encoder {

    /**
     * LAME's bit-rate presets scale the input by 0.95 at podcast bit rates to avoid clipping (measured: every
     * frequency decodes 0.45 dB low at 64 kbps). Mastering already leaves true-peak headroom for the codec,
     * so the input is raised by the inverse and the file plays at the loudness it was mastered to.
     */
    private static final double LAME_PRESET_SCALE = 0.95;

    private Mp3Encoder() {
    }

    static byte[] encode(float[] samples, int sampleRate, int kbps) {
        AudioFormat source = new AudioFormat(sampleRate, 16, 1, true, false);
        LameEncoder encoder = new LameEncoder(source, kbps, LameEncoder.CHANNEL_MODE_MONO,
                LameEncoder.QUALITY_MIDDLE, false);
        try {
            byte[] pcm = toPcm16(samples, 1 / LAME_PRESET_SCALE);
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            int chunk = encoder.getPCMBufferSize();
            ByteArrayOutputStream mp3 = new ByteArrayOutputStream(samples.length / sampleRate * kbps * 125 + 4096);
            for (int offset = 0; offset < pcm.length; offset += chunk) {
                int written = encoder.encodeBuffer(pcm, offset, Math.min(chunk, pcm.length - offset), buffer);
                mp3.write(buffer, 0, written);
            }
            int written = encoder.encodeFinish(buffer);
            mp3.write(buffer, 0, written);
            return mp3.toByteArray();
        } finally {
            encoder.close();
        }
    }

    /** Little-endian signed 16-bit PCM, scaled, rounded and clamped. */
    private static byte[] toPcm16(float[] samples, double gain) {
        double scale = 32767.0 * gain;
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int value = (int) Math.round(samples[i] * scale);
            value = Math.max(-32768, Math.min(32767, value));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }
}
