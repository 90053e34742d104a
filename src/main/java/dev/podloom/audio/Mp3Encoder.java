package dev.podloom.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encodes mono float PCM to a constant-bit-rate MPEG-2 layer III stream with jump3r (a pure-Java port of LAME).
 *
 * <p>jump3r runs at roughly 170× real time on one core, so long episodes are cut into pieces encoded on all
 * cores. Cuts fall only inside digital silence (the pauses between turns), and the silence dropped at each
 * cut equals what the next piece's encoder delay and the previous piece's padding add back when decoding,
 * so the joined stream decodes to the same timeline as a single encode, sample for sample.
 */
final class Mp3Encoder {

    /**
     * LAME's bit-rate presets scale the input by 0.95 at podcast bit rates to avoid clipping (measured: every
     * frequency decodes 0.45 dB low at 64 kbps). Mastering already leaves true-peak headroom for the codec,
     * so the input is raised by the inverse and the file plays at the loudness it was mastered to.
     */
    private static final double LAME_PRESET_SCALE = 0.95;
    static final int SAMPLES_PER_FRAME = 576;
    /** LAME's flush emits frames until delay (576) + decoder delay (529) past the last sample are covered. */
    private static final int FLUSH_SPAN = LameInfoFrame.ENCODER_DELAY + 529;
    /** Silence kept on both sides of a cut, so neither encoder's look-ahead or overlap sees the other's audio. */
    private static final int CUT_GUARD = 2 * SAMPLES_PER_FRAME;
    private static final int MAX_DROPPED = FLUSH_SPAN + SAMPLES_PER_FRAME;
    private static final int MIN_PIECE_SECONDS = 30;

    private Mp3Encoder() {
    }

    /** The stream's first frame is the empty one LAME reserves for {@link LameInfoFrame}. */
    static byte[] encode(float[] samples, int sampleRate, int kbps) {
        int pieces = Math.min(Runtime.getRuntime().availableProcessors(),
                samples.length / (MIN_PIECE_SECONDS * sampleRate));
        return encode(samples, sampleRate, kbps, Math.max(1, pieces));
    }

    /** Encodes in up to {@code maxPieces} concurrent pieces, as many as the silences allow. */
    static byte[] encode(float[] samples, int sampleRate, int kbps, int maxPieces) {
        List<int[]> pieces = pieces(samples, maxPieces);
        if (pieces.size() == 1) {
            return encodePiece(samples, 0, samples.length, sampleRate, kbps);
        }
        List<byte[]> encoded = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(pieces.size())) {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int[] piece : pieces) {
                futures.add(executor.submit(() -> encodePiece(samples, piece[0], piece[1], sampleRate, kbps)));
            }
            for (Future<byte[]> future : futures) {
                encoded.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while encoding MP3", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MP3 encoding failed", e.getCause());
        }
        if (!flushedAsModelled(encoded, pieces)) {
            // The joins are only gapless when each piece ends exactly where the model of LAME's flush says.
            // When a piece does not (seen: one frame more, for some lengths), one piece is always right.
            return encodePiece(samples, 0, samples.length, sampleRate, kbps);
        }
        return join(encoded, pieces);
    }

    private static boolean flushedAsModelled(List<byte[]> encoded, List<int[]> pieces) {
        for (int p = 0; p < encoded.size() - 1; p++) {
            int length = pieces.get(p)[1] - pieces.get(p)[0];
            if (Mp3Frames.scan(encoded.get(p), 0).frames() - 1 != audioFrames(length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits {@code [0, n)} into up to {@code count} pieces {@code [from, to)}. Between consecutive pieces lies
     * the stretch of silence a cut drops: the frames the previous piece's flush pads its end to, exactly.
     */
    static List<int[]> pieces(float[] samples, int count) {
        List<int[]> pieces = new ArrayList<>();
        int from = 0;
        int runStart = 0;
        int piece = 1;
        for (int i = 0; i < samples.length && piece < count; i++) {
            if (samples[i] != 0) {
                runStart = i + 1;
            } else if (i - runStart + 1 >= 2 * CUT_GUARD + MAX_DROPPED
                    && i >= (long) samples.length * piece / count && runStart - from > CUT_GUARD) {
                int cut = runStart + CUT_GUARD;
                pieces.add(new int[]{from, cut});
                from = cut + dropped(cut - from);
                runStart = from;
                i = from - 1;
                piece++;
            }
        }
        pieces.add(new int[]{from, samples.length});
        return pieces;
    }

    /** Samples a piece of {@code length} spans once decoded beyond its own length: its delay plus padding. */
    static int dropped(int length) {
        return audioFrames(length) * SAMPLES_PER_FRAME - length;
    }

    private static int audioFrames(int length) {
        return (length + FLUSH_SPAN + SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME;
    }

    /** Keeps the first piece's reserved frame for the whole stream and drops the others'. */
    private static byte[] join(List<byte[]> encoded, List<int[]> pieces) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(encoded.stream().mapToInt(b -> b.length).sum());
        for (int p = 0; p < encoded.size(); p++) {
            byte[] stream = encoded.get(p);
            int reserved = LameInfoFrame.reservedFrameLength(stream);
            joined.write(stream, p == 0 ? 0 : reserved, p == 0 ? stream.length : stream.length - reserved);
        }
        return joined.toByteArray();
    }

    private static byte[] encodePiece(float[] samples, int from, int to, int sampleRate, int kbps) {
        AudioFormat source = new AudioFormat(sampleRate, 16, 1, true, false);
        LameEncoder encoder = new LameEncoder(source, kbps, LameEncoder.CHANNEL_MODE_MONO,
                LameEncoder.QUALITY_MIDDLE, false);
        try {
            double scale = 32767.0 / LAME_PRESET_SCALE;
            int chunkSamples = encoder.getPCMBufferSize() / 2;
            byte[] pcm = new byte[chunkSamples * 2];
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            ByteArrayOutputStream mp3 = new ByteArrayOutputStream((to - from) / sampleRate * kbps * 125 + 4096);
            for (int offset = from; offset < to; offset += chunkSamples) {
                int count = Math.min(chunkSamples, to - offset);
                toPcm16(samples, offset, count, scale, pcm);
                int written = encoder.encodeBuffer(pcm, 0, count * 2, buffer);
                mp3.write(buffer, 0, written);
            }
            int written = encoder.encodeFinish(buffer);
            mp3.write(buffer, 0, written);
            return mp3.toByteArray();
        } finally {
            encoder.close();
        }
    }

    /** Little-endian signed 16-bit PCM, scaled, rounded and clamped, one chunk at a time to bound memory. */
    private static void toPcm16(float[] samples, int offset, int count, double scale, byte[] pcm) {
        for (int i = 0; i < count; i++) {
            int value = (int) Math.round(samples[offset + i] * scale);
            value = Math.max(-32768, Math.min(32767, value));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
    }
}
