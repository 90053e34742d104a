package dev.podloom.audio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fills the first MP3 frame with a Xing "Info" header and a LAME tag, as the LAME command line does.
 *
 * <p>jump3r reserves that frame but its low-level API never writes it, leaving a frame of silence. With the tag,
 * players and ffmpeg know the frame count (instant duration) and the encoder delay and padding, so they play
 * the audio gapless: the decoded length equals the PCM we encoded, and chapter and transcript times line up
 * to the millisecond instead of ~70 ms late.
 */
final class LameInfoFrame {

    /** Samples LAME inserts before the first input sample; decoders add 529 of their own and remove both. */
    static final int ENCODER_DELAY = 576;
    private static final int XING_OFFSET_MPEG2_MONO = 4 + 9; // frame header + MPEG-2 mono side info
    private static final int FLAGS_FRAMES_BYTES_TOC_QUALITY = 0x0F;
    private static final int TOC_ENTRIES = 100;
    private static final int VBR_METHOD_CBR = 1;
    private static final byte[] ENCODER = "LAME3.98r".getBytes(StandardCharsets.ISO_8859_1);

    private LameInfoFrame() {
    }

    /**
     * Writes the tag into {@code mp3}'s first frame.
     *
     * @param frames     the stream's frames, the first being the empty one jump3r reserved
     * @param pcmSamples samples that went into the encoder
     */
    static void write(byte[] mp3, Mp3Frames frames, int kbps, int pcmSamples) {
        if (frames.samplesPerFrame() != 576 || !frames.mono()) {
            throw new IllegalStateException("Info frame layout is for MPEG-2 mono frames: " + frames);
        }
        int frameLength = reservedFrameLength(mp3);
        fill(mp3, frameLength, frames.frames() - 1, mp3.length, crc16(0, mp3, frameLength, mp3.length - frameLength),
                kbps, pcmSamples);
    }

    /**
     * An Info frame for a stream whose audio frames are written elsewhere (streamed to a file).
     *
     * @param audioHeader  the first audio frame's 4 header bytes (MPEG-2 mono, no padding assumed here)
     * @param audioFrames  frames after this one
     * @param streamBytes  this frame plus the audio frames
     * @param musicCrc     {@link #crc16(int, byte[], int, int)} over the audio frames
     */
    static byte[] frame(byte[] audioHeader, int audioFrames, long streamBytes, int musicCrc, int kbps, int pcmSamples) {
        byte[] frame = new byte[4];
        System.arraycopy(audioHeader, 0, frame, 0, 4);
        frame[2] &= (byte) ~0x02; // no padding slot
        frame = java.util.Arrays.copyOf(frame, Mp3Frames.frameLength(frame, 0));
        fill(frame, frame.length, audioFrames, streamBytes, musicCrc, kbps, pcmSamples);
        return frame;
    }

    private static void fill(byte[] mp3, int frameLength, int audioFrames, long streamBytes, int musicCrc, int kbps,
                             int pcmSamples) {
        int padding = audioFrames * 576 - ENCODER_DELAY - pcmSamples;
        if (padding < 0 || padding > 0xFFF) {
            throw new IllegalStateException("Unexpected MP3 padding of " + padding + " samples");
        }
        int bytes = Math.toIntExact(streamBytes);
        ByteBuffer tag = ByteBuffer.wrap(mp3, XING_OFFSET_MPEG2_MONO, frameLength - XING_OFFSET_MPEG2_MONO);
        tag.put("Info".getBytes(StandardCharsets.ISO_8859_1));
        tag.putInt(FLAGS_FRAMES_BYTES_TOC_QUALITY);
        tag.putInt(audioFrames);
        tag.putInt(bytes);
        for (int i = 0; i < TOC_ENTRIES; i++) {
            tag.put((byte) (i * 256 / TOC_ENTRIES)); // constant bit rate: position is proportional to time
        }
        tag.putInt(0); // quality indicator, meaningless for CBR
        tag.put(ENCODER);
        tag.put((byte) VBR_METHOD_CBR); // tag revision 0, method CBR
        tag.put((byte) 0); // lowpass unknown
        tag.putInt(0); // peak amplitude unknown
        tag.putShort((short) 0); // no radio replay gain
        tag.putShort((short) 0); // no audiophile replay gain
        tag.put((byte) 0); // encoding flags, ATH type
        tag.put((byte) Math.min(kbps, 255));
        tag.put((byte) (ENCODER_DELAY >> 4));
        tag.put((byte) ((ENCODER_DELAY & 0x0F) << 4 | padding >> 8));
        tag.put((byte) padding);
        tag.put((byte) 0); // misc: mono, no noise shaping, source rate ≤ 32 kHz
        tag.put((byte) 0); // MP3 gain
        tag.putShort((short) 0); // preset and surround
        tag.putInt(bytes); // music length: the whole stream including this frame
        tag.putShort((short) musicCrc);
        tag.putShort((short) crc16(mp3, 0, tag.position())); // the tag's CRC covers the frame up to itself
    }

    /**
     * Length of the stream's first frame, which the encoder reserved for this tag and left empty.
     *
     * @throws IllegalStateException if the first frame carries audio
     */
    static int reservedFrameLength(byte[] mp3) {
        int frameLength = Mp3Frames.frameLength(mp3, 0);
        for (int i = 4; i < frameLength; i++) {
            if (mp3[i] != 0) {
                throw new IllegalStateException("First MP3 frame carries audio; it is not the reserved tag frame");
            }
        }
        return frameLength;
    }

    /** CRC-16 (polynomial 0x8005, reflected, initial 0) as the LAME tag uses. */
    static int crc16(byte[] data, int offset, int length) {
        return crc16(0, data, offset, length);
    }

    /** Continues a CRC-16 over more data, for streams read in chunks. */
    static int crc16(int crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
