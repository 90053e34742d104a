package dev.podloom.audio;

import de.sciss.jump3r.mp3.Enc;
import de.sciss.jump3r.mp3.MP3Data;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import dev.podloom.pipeline.AudioClip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads uploaded audio (WAV or MP3) into mono samples, in Java only: a server without ffmpeg or any OS package
 * decodes it the same way. WAV: PCM 8/16/24/32-bit or 32-bit float, any channel count (averaged to mono). MP3:
 * MPEG-1/2/2.5 layer III, decoded by jump3r's port of LAME's decoder (hip) frame by frame, after this class has
 * checked each frame header, so junk never reaches the decoder; LAME's encoder delay and padding (from the Info
 * tag) are removed, as a gapless player does. Decoding stops once the audio is longer than the caller allows, so
 * a small file that expands to hours cannot fill the heap.
 */
public final class AudioFiles {

    /** What an upload holds, judged by its bytes (not by what the client called it). */
    public enum Container {
        WAV, MP3
    }

    /** The bytes are not audio this class can read; the message is safe to show a client. */
    public static final class UnreadableAudioException extends Exception {
        UnreadableAudioException(String message) {
            super(message, null, false, false);
        }
    }

    /** The audio is longer than allowed; {@code seconds} is how much was decoded before giving up. */
    public static final class TooLongException extends Exception {
        private final double seconds;

        TooLongException(double seconds) {
            super("longer than allowed", null, false, false);
            this.seconds = seconds;
        }

        public double seconds() {
            return seconds;
        }
    }

    /** The rate episodes are mixed at: show audio is stored at it. */
    public static final int EPISODE_RATE = Mp3EpisodeEncoder.SAMPLE_RATE;

    /** MPEG decoder delay: samples a layer III decoder outputs before the first encoded sample. */
    private static final int DECODER_DELAY = 529;
    /** How far into the file (after an ID3v2 tag) the first MP3 frame may start. */
    private static final int MAX_LEADING_JUNK = 64 * 1024;

    private AudioFiles() {
    }

    /** The container the bytes start like, if any: RIFF/WAVE, or an ID3v2 tag or MP3 frame sync. */
    public static Optional<Container> sniff(byte[] bytes) {
        if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) {
            return Optional.of(Container.WAV);
        }
        if (bytes.length >= 10 && ascii(bytes, 0, "ID3") || firstFrame(bytes, 0) >= 0) {
            return Optional.of(Container.MP3);
        }
        return Optional.empty();
    }

    /**
     * Decodes {@code bytes} to mono at {@code sampleRate}.
     *
     * @throws UnreadableAudioException the bytes are neither a readable WAV nor a readable MP3
     * @throws TooLongException         the audio lasts more than {@code maxSeconds}
     */
    public static AudioClip decode(byte[] bytes, double maxSeconds, int sampleRate)
            throws UnreadableAudioException, TooLongException {
        Container container = sniff(bytes).orElseThrow(() ->
                new UnreadableAudioException("The body is neither a WAV (RIFF/WAVE) nor an MP3 file."));
        AudioClip clip = container == Container.WAV ? decodeWav(bytes, maxSeconds) : decodeMp3(bytes, maxSeconds);
        return new AudioClip(Resampler.resample(clip.samples(), clip.sampleRate(), sampleRate), sampleRate);
    }

    /** Mono 16-bit PCM WAV of {@code clip}, the form show audio is stored in. */
    public static byte[] wav(AudioClip clip) {
        float[] samples = clip.samples();
        ByteBuffer out = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(clip.sampleRate()).putInt(2 * clip.sampleRate()).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (float s : samples) {
            out.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32767.0))));
        }
        return out.array();
    }

    // ---- WAV ----

    private static AudioClip decodeWav(byte[] wav, double maxSeconds) throws UnreadableAudioException,
            TooLongException {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(in.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > wav.length) {
                    throw new UnreadableAudioException("The WAV file's format chunk is damaged.");
                }
                format = in.getShort(body) & 0xffff;
                channels = in.getShort(body + 2) & 0xffff;
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14) & 0xffff;
                if (format == 0xFFFE && size >= 40 && body + 26 <= wav.length) {
                    format = in.getShort(body + 24) & 0xffff; // WAVE_FORMAT_EXTENSIBLE: the sub-format's tag
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new UnreadableAudioException("The WAV file has no format chunk before its data.");
                }
                boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
                boolean floats = format == 3 && bits == 32;
                if (!pcm && !floats || channels < 1 || channels > 32 || rate < 8_000 || rate > 192_000) {
                    throw new UnreadableAudioException("The WAV file is " + describe(format, bits, channels, rate)
                            + "; send PCM (8, 16, 24 or 32-bit) or 32-bit float at 8 to 192 kHz.");
                }
                // Streamed WAVs leave the size as a placeholder: read to the end of the bytes then.
                int length = (int) Math.min(size, wav.length - body);
                int frameBytes = channels * bits / 8;
                int frames = length / frameBytes;
                if ((double) frames / rate > maxSeconds) {
                    throw new TooLongException((double) frames / rate);
                }
                float[] mono = new float[frames];
                for (int f = 0; f < frames; f++) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += sample(in, body + f * frameBytes + c * bits / 8, bits, floats);
                    }
                    mono[f] = (float) (sum / channels);
                }
                if (frames == 0) {
                    throw new UnreadableAudioException("The WAV file holds no samples.");
                }
                return new AudioClip(mono, rate);
            }
            long next = body + size + (size & 1);
            if (next > wav.length) {
                break;
            }
            pos = (int) next;
        }
        throw new UnreadableAudioException("The WAV file has no data chunk.");
    }

    private static double sample(ByteBuffer in, int at, int bits, boolean floats) {
        if (floats) {
            float f = in.getFloat(at);
            return Float.isFinite(f) ? Math.clamp(f, -1f, 1f) : 0;
        }
        return switch (bits) {
            case 8 -> ((in.get(at) & 0xff) - 128) / 128.0;
            case 16 -> in.getShort(at) / 32768.0;
            case 24 -> ((in.get(at) & 0xff) | (in.get(at + 1) & 0xff) << 8 | in.get(at + 2) << 16) / 8388608.0;
            default -> in.getInt(at) / 2147483648.0;
        };
    }

    private static String describe(int format, int bits, int channels, int rate) {
        String kind = format == 1 ? "PCM" : format == 3 ? "float" : "format " + format;
        return kind + ", " + bits + "-bit, " + channels + " channel(s), " + rate + " Hz";
    }

    // ---- MP3 ----

    private static AudioClip decodeMp3(byte[] mp3, double maxSeconds) throws UnreadableAudioException,
            TooLongException {
        int start = skipId3v2(mp3);
        int first = -1;
        for (int p = start; p < Math.min(mp3.length, start + MAX_LEADING_JUNK) && first < 0; p++) {
            first = firstFrame(mp3, p);
            if (first >= 0 && first != p) {
                first = -1; // firstFrame only reports a frame at p itself
            }
        }
        if (first < 0) {
            throw new UnreadableAudioException("The MP3 file has no MPEG layer III frames.");
        }
        Common common = new Common();
        Interface decoder = new Interface();
        MPGLib hip = new MPGLib();
        hip.setModules(decoder, common);
        decoder.setModules(new VBRTag(), common);
        MPGLib.mpstr_tag stream = hip.hip_decode_init();
        short[] left = new short[1152 * 2];
        short[] right = new short[1152 * 2];
        MP3Data data = new MP3Data();
        Enc enc = new Enc();
        enc.enc_delay = -1;
        enc.enc_padding = -1;
        MonoBuffer out = new MonoBuffer();
        int pos = first;
        int frames = 0;
        long limit = -1;
        try {
            while (pos + 4 <= mp3.length) {
                int length;
                try {
                    length = Mp3Frames.frameLength(mp3, pos);
                } catch (IllegalStateException end) {
                    break; // trailing tags (ID3v1, APE) or junk after the last frame
                }
                if (pos + length > mp3.length) {
                    break; // a cut last frame: decode what is complete
                }
                byte[] frame = Arrays.copyOfRange(mp3, pos, pos + length);
                int n = hip.hip_decode1_headersB(stream, frame, length, left, right, data, enc);
                while (n > 0) {
                    out.add(left, right, n, data.stereo);
                    n = hip.hip_decode1_headersB(stream, new byte[0], 0, left, right, data, enc);
                }
                if (n < 0) {
                    throw new UnreadableAudioException("The MP3 file has a damaged frame at byte " + pos + ".");
                }
                if (limit < 0 && data.header_parsed && data.samplerate > 0) {
                    limit = (long) Math.ceil((maxSeconds + 1) * data.samplerate) + 2 * 1152;
                }
                if (limit > 0 && out.size > limit) {
                    throw new TooLongException((double) out.size / data.samplerate);
                }
                pos += length;
                frames++;
            }
        } catch (RuntimeException e) {
            throw new UnreadableAudioException("The MP3 file could not be decoded.");
        }
        if (frames == 0 || out.size == 0 || data.samplerate <= 0) {
            throw new UnreadableAudioException("The MP3 file holds no decodable audio.");
        }
        float[] samples = out.trimmed(enc.enc_delay, enc.enc_padding);
        if ((double) samples.length / data.samplerate > maxSeconds) {
            throw new TooLongException((double) samples.length / data.samplerate);
        }
        return new AudioClip(samples, data.samplerate);
    }

    /** Decoded samples, channels averaged, in a growing array. */
    private static final class MonoBuffer {
        float[] samples = new float[1 << 16];
        int size;

        void add(short[] left, short[] right, int n, int channels) {
            if (size + n > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + n));
            }
            for (int i = 0; i < n; i++) {
                samples[size + i] = channels == 2 ? (left[i] + right[i]) / 65536f : left[i] / 32768f;
            }
            size += n;
        }

        /** Without the encoder's delay and padding when the LAME tag gave them (gapless playback). */
        float[] trimmed(int encoderDelay, int padding) {
            int from = encoderDelay >= 0 ? Math.min(size, encoderDelay + DECODER_DELAY) : 0;
            int to = padding >= DECODER_DELAY ? Math.max(from, size - (padding - DECODER_DELAY)) : size;
            return Arrays.copyOfRange(samples, from, to);
        }
    }

    /** {@code position} if a valid layer III frame header starts there and another one (or the end) follows it. */
    private static int firstFrame(byte[] bytes, int position) {
        try {
            int length = Mp3Frames.frameLength(bytes, position);
            int next = position + length;
            if (next == bytes.length) {
                return position;
            }
            if (next > bytes.length) {
                return -1;
            }
            Mp3Frames.frameLength(bytes, next);
            return position;
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Where the audio starts after an ID3v2 tag (10-byte header, syncsafe size, optional 10-byte footer). */
    private static int skipId3v2(byte[] b) {
        if (b.length < 10 || !ascii(b, 0, "ID3")) {
            return 0;
        }
        int size = (b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f);
        int footer = (b[5] & 0x10) != 0 ? 10 : 0;
        return (int) Math.min(b.length, 10L + size + footer);
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        if (offset + text.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
