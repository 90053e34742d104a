package dev.podloom.audio;

/**
 * Walks the frame headers of an MPEG audio layer III stream. Used to prove an encoded file is a contiguous
 * chain of valid frames before it is published, and to count what a player will decode.
 *
 * @param frames          number of frames
 * @param samplesPerFrame 1152 for MPEG-1, 576 for MPEG-2 / 2.5
 */
record Mp3Frames(int frames, int sampleRate, int bitrateKbps, boolean mono, int samplesPerFrame) {

    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
    private static final int[][] RATES = {{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    long samples() {
        return (long) frames * samplesPerFrame;
    }

    /**
     * Scans {@code data[offset…]} to its end.
     *
     * @throws IllegalStateException if a frame header is invalid, its parameters change, or the last frame is cut
     */
    static Mp3Frames scan(byte[] data, int offset) {
        int position = offset;
        int frames = 0;
        int firstRate = 0;
        int firstKbps = 0;
        boolean mono = false;
        int samplesPerFrame = 0;
        while (position < data.length) {
            int length = frameLength(data, position);
            int b1 = data[position + 1] & 0xFF;
            int b2 = data[position + 2] & 0xFF;
            int b3 = data[position + 3] & 0xFF;
            int version = (b1 >> 3) & 3;
            boolean mpeg1 = version == 3;
            int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[b2 >> 4];
            int rate = RATES[version][(b2 >> 2) & 3];
            if (frames == 0) {
                firstRate = rate;
                firstKbps = kbps;
                mono = (b3 >> 6) == 3;
                samplesPerFrame = mpeg1 ? 1152 : 576;
            } else if (rate != firstRate || kbps != firstKbps) {
                throw invalid("stream parameters change", position);
            }
            if (position + length > data.length) {
                throw invalid("truncated frame", position);
            }
            position += length;
            frames++;
        }
        if (frames == 0) {
            throw new IllegalStateException("MP3 stream has no frames");
        }
        return new Mp3Frames(frames, firstRate, firstKbps, mono, samplesPerFrame);
    }

    /**
     * Length in bytes of the layer III frame whose header starts at {@code position}.
     *
     * @throws IllegalStateException if there is no valid header there
     */
    static int frameLength(byte[] data, int position) {
        if (position + 4 > data.length) {
            throw invalid("truncated header", position);
        }
        int b1 = data[position + 1] & 0xFF;
        int b2 = data[position + 2] & 0xFF;
        int version = (b1 >> 3) & 3;
        int layer = (b1 >> 1) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if ((data[position] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || layer != 1
                || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            throw invalid("no layer III frame header", position);
        }
        boolean mpeg1 = version == 3;
        int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
        int rate = RATES[version][rateIndex];
        int padding = (b2 >> 1) & 1;
        return (mpeg1 ? 144 : 72) * kbps * 1000 / rate + padding;
    }

    private static IllegalStateException invalid(String what, int position) {
        return new IllegalStateException("Invalid MP3 stream: " + what + " at byte " + position);
    }
}
