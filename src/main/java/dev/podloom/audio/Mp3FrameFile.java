package dev.podloom.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an MP3 file frame by frame, without loading it: to count and check frames, and to copy them. */
final class Mp3FrameFile {

    /** Largest layer III frame: MPEG-1, 320 kbps, 32 kHz, padded. */
    private static final int MAX_FRAME = 1441 + 4;

    private Mp3FrameFile() {
    }

    /** Receives each frame of a file in order. */
    interface FrameVisitor {
        void frame(int index, byte[] frame, int length) throws IOException;
    }

    /**
     * Visits every frame of {@code file}.
     *
     * @throws IllegalStateException if a header is invalid, parameters change, or the last frame is cut
     */
    static Mp3Frames walk(Path file, FrameVisitor visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] frame = new byte[MAX_FRAME];
            int frames = 0;
            Mp3Frames first = null;
            while (true) {
                int header = in.readNBytes(frame, 0, 4);
                if (header == 0) {
                    break;
                }
                if (header < 4) {
                    throw new IllegalStateException("Invalid MP3 stream: truncated header in " + file.getFileName());
                }
                int length = Mp3Frames.frameLength(frame, 0);
                if (in.readNBytes(frame, 4, length - 4) != length - 4) {
                    throw new IllegalStateException("Invalid MP3 stream: truncated frame in " + file.getFileName());
                }
                Mp3Frames parameters = Mp3Frames.scan(java.util.Arrays.copyOf(frame, length), 0);
                if (first == null) {
                    first = parameters;
                } else if (parameters.sampleRate() != first.sampleRate() || parameters.bitrateKbps() != first.bitrateKbps()) {
                    throw new IllegalStateException("Invalid MP3 stream: stream parameters change in " + file.getFileName());
                }
                visitor.frame(frames++, frame, length);
            }
            if (first == null) {
                throw new IllegalStateException("MP3 stream has no frames: " + file.getFileName());
            }
            return new Mp3Frames(frames, first.sampleRate(), first.bitrateKbps(), first.mono(), first.samplesPerFrame());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Whether a frame carries nothing after its header (the frame an encoder reserves for the Info tag). */
    static boolean empty(byte[] frame, int length) {
        for (int i = 4; i < length; i++) {
            if (frame[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Copies frames from {@code skip} on to {@code out}; returns the CRC-16 of what was copied, continued. */
    static int copy(Path file, int skip, OutputStream out, int crc) {
        int[] state = {crc};
        walk(file, (index, frame, length) -> {
            if (index >= skip) {
                out.write(frame, 0, length);
                state[0] = LameInfoFrame.crc16(state[0], frame, 0, length);
            }
        });
        return state[0];
    }
}
