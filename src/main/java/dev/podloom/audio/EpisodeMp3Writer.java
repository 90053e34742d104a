package dev.podloom.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Masters and encodes an {@link EpisodeProgram} straight to an MP3 file, one turn at a time. Long episodes are cut
 * into pieces encoded side by side (each into its own file); cuts fall only inside the silences between turns,
 * and the silence dropped at each cut equals what the next piece's encoder delay and the previous piece's padding
 * add back when decoding, so the joined stream decodes to the same timeline as a single encode, sample for sample.
 * The file is {@code tag}, an Info frame (frame count, delay, padding: gapless playback and exact duration), and the
 * pieces' audio frames.
 */
final class EpisodeMp3Writer {

    static final int SAMPLES_PER_FRAME = 576;
    /** LAME's flush emits frames until delay (576) + decoder delay (529) past the last sample are covered. */
    private static final int FLUSH_SPAN = LameInfoFrame.ENCODER_DELAY + 529;
    /** Silence kept on both sides of a cut, so neither encoder's look-ahead or overlap sees the other's audio. */
    private static final int CUT_GUARD = 2 * SAMPLES_PER_FRAME;
    private static final int MAX_DROPPED = FLUSH_SPAN + SAMPLES_PER_FRAME;
    private static final int MIN_PIECE_SECONDS = 30;
    private static final int PCM_CHUNK = 8192;

    /** Samples {@code [from, to)} of the timeline, holding turns {@code [firstTurn, endTurn)}. */
    record Piece(int from, int to, int firstTurn, int endTurn) {
    }

    /** The written file's frames. */
    record Written(Mp3Frames frames, long bytes) {
    }

    private final Mp3Backend backend;
    private final int kbps;

    EpisodeMp3Writer(Mp3Backend backend, int kbps) {
        this.backend = backend;
        this.kbps = kbps;
    }

    /** Writes {@code tag} and the encoded episode to {@code target}, using {@code workDir} for the pieces. */
    Written write(EpisodeProgram program, LoudnessMaster.Mastering mastering, byte[] tag, Path target, Path workDir,
                  int maxPieces) {
        int count = Math.max(1, Math.min(maxPieces, program.totalSamples() / (MIN_PIECE_SECONDS * program.sampleRate())));
        List<Piece> pieces = pieces(program.timeline(), count);
        List<Path> files = new ArrayList<>();
        try {
            for (int p = 0; p < pieces.size(); p++) {
                files.add(Files.createTempFile(workDir, "piece-" + p + "-", ".mp3.part"));
            }
            encodeAll(program, mastering, pieces, files);
            if (!flushedAsModelled(pieces, files)) {
                // The joins are only gapless when each piece ends exactly where the model of LAME's flush says.
                // When a piece does not (seen: one frame more, for some lengths), one piece is always right.
                files.forEach(EpisodeMp3Writer::deleteQuietly);
                files.clear();
                files.add(Files.createTempFile(workDir, "piece-0-", ".mp3.part"));
                pieces = List.of(new Piece(0, program.totalSamples(), 0, program.timeline().turnCount()));
                encodeAll(program, mastering, pieces, files);
            }
            return join(files, tag, target, program.totalSamples());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the episode to " + target, e);
        } finally {
            files.forEach(EpisodeMp3Writer::deleteQuietly);
        }
    }

    /**
     * Writes {@code tag} and a show's mixed episode to {@code target} in one piece: the bed runs through the pauses,
     * so there is no silence to cut the episode at for encoding it side by side.
     */
    Written write(ShowMix.Mixed mixed, byte[] tag, Path target, Path workDir) {
        Path file = null;
        try {
            file = Files.createTempFile(workDir, "piece-0-", ".mp3.part");
            double scale = 32767.0 * backend.inputScale();
            byte[] pcm = new byte[PCM_CHUNK * 2];
            try (Mp3Backend.Session session = backend.open(file, mixed.program().sampleRate(), kbps)) {
                mixed.write((samples, length) -> writePcm(session, samples, length, pcm, scale));
            }
            return join(List.of(file), tag, target, mixed.program().totalSamples());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the episode to " + target, e);
        } finally {
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }

    /** Rounds {@code samples[0, length)} to 16-bit little-endian PCM and hands it to the encoder. */
    private static void writePcm(Mp3Backend.Session session, float[] samples, int length, byte[] pcm, double scale) {
        for (int offset = 0; offset < length; offset += PCM_CHUNK) {
            int n = Math.min(PCM_CHUNK, length - offset);
            for (int i = 0; i < n; i++) {
                int value = (int) Math.round(samples[offset + i] * scale);
                value = Math.max(-32768, Math.min(32767, value));
                pcm[2 * i] = (byte) value;
                pcm[2 * i + 1] = (byte) (value >> 8);
            }
            session.write(pcm, n * 2);
        }
    }

    /**
     * Splits the timeline into up to {@code count} pieces. Between consecutive pieces lies the stretch of silence a
     * cut drops: the frames the previous piece's flush pads its end to, exactly.
     */
    static List<Piece> pieces(EpisodeTimeline timeline, int count) {
        List<Piece> pieces = new ArrayList<>();
        int from = 0;
        int firstTurn = 0;
        int total = timeline.totalSamples();
        for (int i = 1; i < timeline.turnCount() && pieces.size() + 1 < count; i++) {
            int silenceStart = timeline.turnStart(i - 1) + timeline.turnLength(i - 1);
            int silence = timeline.turnStart(i) - silenceStart;
            if (silence >= 2 * CUT_GUARD + MAX_DROPPED
                    && silenceStart >= (long) total * (pieces.size() + 1) / count && silenceStart - from > CUT_GUARD) {
                int cut = silenceStart + CUT_GUARD;
                pieces.add(new Piece(from, cut, firstTurn, i));
                from = cut + dropped(cut - from);
                firstTurn = i;
            }
        }
        pieces.add(new Piece(from, total, firstTurn, timeline.turnCount()));
        return pieces;
    }

    /** Samples a piece of {@code length} spans once decoded beyond its own length: its delay plus padding. */
    static int dropped(int length) {
        return audioFrames(length) * SAMPLES_PER_FRAME - length;
    }

    static int audioFrames(int length) {
        return (length + FLUSH_SPAN + SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME;
    }

    private void encodeAll(EpisodeProgram program, LoudnessMaster.Mastering mastering, List<Piece> pieces,
                           List<Path> files) {
        if (pieces.size() == 1) {
            encode(program, mastering, pieces.getFirst(), files.getFirst());
            return;
        }
        try (ExecutorService executor = Executors.newFixedThreadPool(pieces.size())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < pieces.size(); p++) {
                Piece piece = pieces.get(p);
                Path file = files.get(p);
                futures.add(executor.submit(() -> encode(program, mastering, piece, file)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while encoding MP3", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("MP3 encoding failed", e.getCause());
        }
    }

    /** Masters the piece's turns one by one and streams them, as 16-bit PCM, into the encoder. */
    private void encode(EpisodeProgram program, LoudnessMaster.Mastering mastering, Piece piece, Path file) {
        double scale = 32767.0 * backend.inputScale();
        byte[] pcm = new byte[PCM_CHUNK * 2];
        try (Mp3Backend.Session session = backend.open(file, program.sampleRate(), kbps)) {
            program.walk(piece.from(), piece.to(), piece.firstTurn(), piece.endTurn(), new EpisodeProgram.Walker() {
                @Override
                public void turn(int index, float[] speech) {
                    float[] mastered = mastering.apply(speech);
                    writePcm(session, mastered, mastered.length, pcm, scale);
                }

                @Override
                public void silence(int samples) {
                    java.util.Arrays.fill(pcm, (byte) 0);
                    for (int left = samples; left > 0; left -= PCM_CHUNK) {
                        session.write(pcm, Math.min(PCM_CHUNK, left) * 2);
                    }
                }
            });
        }
    }

    private boolean flushedAsModelled(List<Piece> pieces, List<Path> files) {
        int reserved = backend.reservesFirstFrame() ? 1 : 0;
        for (int p = 0; p < pieces.size() - 1; p++) {
            int length = pieces.get(p).to() - pieces.get(p).from();
            if (Mp3FrameFile.walk(files.get(p), (i, f, l) -> { }).frames() - reserved != audioFrames(length)) {
                return false;
            }
        }
        return true;
    }

    private Written join(List<Path> files, byte[] tag, Path target, int pcmSamples) throws IOException {
        int skip = backend.reservesFirstFrame() ? 1 : 0;
        int audioFrames = 0;
        byte[] header = null;
        Mp3Frames parameters = null;
        for (Path file : files) {
            byte[][] first = new byte[1][];
            Mp3Frames frames = Mp3FrameFile.walk(file, (index, frame, length) -> {
                if (index < skip && !Mp3FrameFile.empty(frame, length)) {
                    throw new IllegalStateException("First MP3 frame carries audio; it is not the reserved tag frame");
                }
                if (index == skip && first[0] == null) {
                    first[0] = java.util.Arrays.copyOf(frame, 4);
                }
            });
            audioFrames += frames.frames() - skip;
            if (header == null) {
                header = first[0];
                parameters = frames;
            }
        }
        if (header == null) {
            throw new IllegalStateException("The MP3 encoder wrote no audio frames");
        }
        int infoLength = Mp3Frames.frameLength(LameInfoFrame.frame(header, 1, 1, 0, kbps, 0), 0);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.position(tag.length + infoLength);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            int crc = 0;
            for (Path file : files) {
                crc = Mp3FrameFile.copy(file, skip, out, crc);
            }
            out.flush();
            long audioBytes = channel.position() - tag.length - infoLength;
            byte[] info = LameInfoFrame.frame(header, audioFrames, infoLength + audioBytes, crc, kbps, pcmSamples);
            channel.write(ByteBuffer.wrap(tag), 0);
            channel.write(ByteBuffer.wrap(info), tag.length);
            return new Written(new Mp3Frames(audioFrames + 1, parameters.sampleRate(), parameters.bitrateKbps(),
                    parameters.mono(), parameters.samplesPerFrame()), tag.length + infoLength + audioBytes);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The render's work directory is removed as a whole afterwards.
        }
    }
}
