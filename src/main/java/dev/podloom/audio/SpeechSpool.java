package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Synthesized turns on disk, as they arrive: each clip is trimmed, converted to the episode rate and appended to
 * one file of 32-bit floats; what stays in memory is its offset and length. A 120-minute episode takes ~700 MB
 * of disk here instead of the heap. Safe for concurrent {@link #add}s (synthesis runs turns in parallel) and
 * reads. {@link #close()} deletes the file.
 */
public final class SpeechSpool implements AutoCloseable {

    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN));

    private final Path file;
    private final FileChannel channel;
    private long end;

    /** Creates (or truncates) {@code file}. */
    public SpeechSpool(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the speech spool " + file, e);
        }
    }

    /** Trims {@code clip}, converts it to the episode rate and writes it to disk; returns its handle. */
    public TurnAudio add(AudioClip clip) {
        float[] samples = TurnAudio.of(clip).read();
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(samples);
        long offset;
        synchronized (this) {
            offset = end;
            end += bytes.capacity();
        }
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, offset + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the speech spool " + file, e);
        }
        return new Spooled(offset, samples.length);
    }

    /** Bytes written so far. */
    public synchronized long bytes() {
        return end;
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the speech spool " + file, e);
        }
    }

    private final class Spooled implements TurnAudio {

        private final long offset;
        private final int length;

        Spooled(long offset, int length) {
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public float[] read() {
            // Through a small reused buffer: a turn-sized temporary would double each read's garbage.
            float[] samples = new float[length];
            ByteBuffer bytes = READ_BUFFER.get();
            try {
                int done = 0;
                while (done < length) {
                    int n = Math.min(length - done, bytes.capacity() / Float.BYTES);
                    bytes.clear().limit(n * Float.BYTES);
                    long position = offset + (long) done * Float.BYTES;
                    while (bytes.hasRemaining()) {
                        if (channel.read(bytes, position + bytes.position()) < 0) {
                            throw new IOException("spool ends before the turn at " + offset);
                        }
                    }
                    bytes.flip();
                    bytes.asFloatBuffer().get(samples, done, n);
                    done += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read from the speech spool " + file, e);
            }
            return samples;
        }
    }
}
