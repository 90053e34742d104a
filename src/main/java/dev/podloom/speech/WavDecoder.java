package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads 16-bit PCM RIFF/WAVE bytes into a mono {@link AudioClip}.
 * Tolerates streamed WAVs whose size fields are placeholders ({@code espeak-ng --stdout}): the data chunk
 * is read to the end of the bytes whenever its declared size does not fit.
 */
public final class WavDecoder {

    private WavDecoder() {
    }

    public static AudioClip decode(byte[] wav) {
        if (wav.length < 12 || !ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE stream (" + wav.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(in.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                int format = in.getShort(body) & 0xffff;
                channels = in.getShort(body + 2);
                sampleRate = in.getInt(body + 4);
                bits = in.getShort(body + 14);
                if (format != 1 || bits != 16 || channels < 1) {
                    throw new IllegalArgumentException("unsupported WAV: format " + format + ", " + bits + " bits");
                }
            } else if (id.equals("data")) {
                if (sampleRate == 0) {
                    throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
                }
                int available = wav.length - body;
                int length = size <= available ? (int) size : available;
                return new AudioClip(toMono(in, body, length, channels), sampleRate);
            }
            pos = body + (int) Math.min(size + (size & 1), wav.length);
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    private static float[] toMono(ByteBuffer in, int offset, int length, int channels) {
        int frames = length / (2 * channels);
        float[] samples = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(offset + 2 * (f * channels + c)) / 32768f;
            }
            samples[f] = sum / channels;
        }
        return samples;
    }

    private static boolean ascii(byte[] bytes, int at, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[at + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
