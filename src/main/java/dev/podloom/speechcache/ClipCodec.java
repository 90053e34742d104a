package dev.podloom.speechcache;

import dev.podloom.pipeline.AudioClip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cached clip as a 16-bit mono PCM RIFF/WAVE file (any player opens it; half the size of float samples), and
 * back. Only this cache's own files are read: anything else is refused as damaged. Pure.
 */
final class ClipCodec {

    private static final int HEADER = 44;

    private ClipCodec() {
    }

    static byte[] encode(AudioClip clip) {
        float[] s = clip.samples();
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + 2 * s.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(clip.sampleRate())
                .putInt(clip.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(2 * s.length);
        for (float v : s) {
            b.putShort((short) Math.clamp(Math.round(v * 32768.0), -32768, 32767));
        }
        return b.array();
    }

    static AudioClip decode(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < HEADER || !"RIFF".equals(text(wav, 0)) || !"WAVE".equals(text(wav, 8))
                || !"fmt ".equals(text(wav, 12)) || in.getShort(20) != 1 || in.getShort(22) != 1
                || in.getShort(34) != 16 || !"data".equals(text(wav, 36))) {
            throw new IllegalArgumentException("not a cached clip (" + wav.length + " bytes)");
        }
        int sampleRate = in.getInt(24);
        int dataBytes = in.getInt(40);
        if (sampleRate <= 0 || dataBytes <= 0 || dataBytes % 2 != 0 || dataBytes != wav.length - HEADER) {
            throw new IllegalArgumentException("a damaged cached clip (" + wav.length + " bytes)");
        }
        float[] samples = new float[dataBytes / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = in.getShort(HEADER + 2 * i) / 32768f;
        }
        return new AudioClip(samples, sampleRate);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.US_ASCII);
    }
}
