package dev.podloom.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;

import javax.sound.sampled.AudioFormat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What turns 16-bit PCM into MP3 frames in a file: the native {@code lame} command when it is installed (about
 * 3× faster than the Java port), else jump3r in process. Both are LAME, so the frames, the encoder delay and the
 * flush padding are the same; {@link #reservesFirstFrame()} says whether the stream starts with an empty frame
 * kept for the Info tag (jump3r) or with audio (lame run with {@code -t}).
 */
sealed interface Mp3Backend {

    /**
     * LAME scales the input by 0.95 at podcast bit rates to avoid clipping (measured: every frequency decodes
     * 0.45 dB low at 64 kbps, with jump3r and with the lame command alike). Mastering already leaves true-peak
     * headroom for the codec, so the input is raised by the inverse and the file plays at the loudness it was
     * mastered to.
     */
    double LAME_INPUT_SCALE = 0.95;

    String description();

    boolean reservesFirstFrame();

    /** PCM is multiplied by this before it is rounded to 16 bits (undoes a preset's input scaling). */
    double inputScale();

    /** Starts encoding into {@code file}; write little-endian signed 16-bit mono PCM, then close. */
    Session open(Path file, int sampleRate, int kbps);

    interface Session extends AutoCloseable {
        void write(byte[] pcm, int length);

        /** Flushes the encoder and finishes the file. */
        @Override
        void close();
    }

    /**
     * {@code PODLOOM_MP3_ENCODER}: {@code lame} (the command, or a path to it), {@code jump3r}, or unset / {@code auto}
     * for lame when it is on PATH and jump3r otherwise.
     */
    static Mp3Backend fromEnvironment() {
        String choice = Optional.ofNullable(System.getenv("PODLOOM_MP3_ENCODER")).orElse("auto").strip();
        if (choice.equalsIgnoreCase("jump3r")) {
            return new Jump3r();
        }
        String command = choice.isEmpty() || choice.equalsIgnoreCase("auto") ? "lame" : choice;
        Optional<Path> lame = locate(command);
        if (lame.isEmpty() && !choice.isEmpty() && !choice.equalsIgnoreCase("auto")) {
            throw new IllegalStateException("PODLOOM_MP3_ENCODER=" + choice + " is neither jump3r nor an executable lame");
        }
        return lame.<Mp3Backend>map(NativeLame::new).orElseGet(Jump3r::new);
    }

    private static Optional<Path> locate(String command) {
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    /** LAME ported to Java: no install needed. */
    record Jump3r() implements Mp3Backend {

        @Override
        public String description() {
            return "jump3r (LAME 3.98 in Java)";
        }

        @Override
        public boolean reservesFirstFrame() {
            return true;
        }

        @Override
        public double inputScale() {
            return 1 / LAME_INPUT_SCALE;
        }

        @Override
        public Session open(Path file, int sampleRate, int kbps) {
            LameEncoder encoder = new LameEncoder(new AudioFormat(sampleRate, 16, 1, true, false), kbps,
                    LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
            OutputStream out;
            try {
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            } catch (IOException e) {
                encoder.close();
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            int chunk = encoder.getPCMBufferSize();
            return new Session() {
                @Override
                public void write(byte[] pcm, int length) {
                    try {
                        for (int offset = 0; offset < length; offset += chunk) {
                            int written = encoder.encodeBuffer(pcm, offset, Math.min(chunk, length - offset), buffer);
                            out.write(buffer, 0, written);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot write " + file, e);
                    }
                }

                @Override
                public void close() {
                    try (out) {
                        out.write(buffer, 0, encoder.encodeFinish(buffer));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot write " + file, e);
                    } finally {
                        encoder.close();
                    }
                }
            };
        }
    }

    /** The LAME command line, fed raw PCM on stdin; {@code -t} leaves the Info tag to us. */
    record NativeLame(Path executable) implements Mp3Backend {

        private static final long TIMEOUT_MINUTES = 30;

        @Override
        public String description() {
            return "lame (" + executable + ")";
        }

        @Override
        public boolean reservesFirstFrame() {
            return false;
        }

        @Override
        public double inputScale() {
            return 1 / LAME_INPUT_SCALE;
        }

        @Override
        public Session open(Path file, int sampleRate, int kbps) {
            String khz = String.format(Locale.ROOT, "%s", sampleRate % 1000 == 0
                    ? Integer.toString(sampleRate / 1000) : Double.toString(sampleRate / 1000.0));
            List<String> command = List.of(executable.toString(), "--quiet", "-r", "-s", khz, "--bitwidth", "16",
                    "--signed", "--little-endian", "-m", "m", "--cbr", "-b", Integer.toString(kbps),
                    "--resample", khz, "-q", "5", "-t", "--noreplaygain", "-", file.toString());
            Process process;
            try {
                process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException("lame could not be started", e);
            }
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(
                    () -> readAll(process.getErrorStream()), Thread::startVirtualThread);
            OutputStream in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
            return new Session() {
                @Override
                public void write(byte[] pcm, int length) {
                    try {
                        in.write(pcm, 0, length);
                    } catch (IOException e) {
                        process.destroyForcibly();
                        throw new IllegalStateException("lame stopped reading its input: " + errors.join(), e);
                    }
                }

                @Override
                public void close() {
                    try {
                        in.close();
                        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                            process.destroyForcibly();
                            throw new IllegalStateException("lame did not finish within " + TIMEOUT_MINUTES + " min");
                        }
                        if (process.exitValue() != 0) {
                            throw new IllegalStateException("lame exited with " + process.exitValue() + ": "
                                    + errors.join());
                        }
                    } catch (IOException e) {
                        process.destroyForcibly();
                        throw new IllegalStateException("lame failed: " + errors.join(), e);
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while lame was encoding", e);
                    }
                }
            };
        }

        private static String readAll(InputStream stream) {
            try (stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.transferTo(out);
                String text = out.toString(StandardCharsets.UTF_8).strip();
                return text.length() > 500 ? text.substring(0, 500) : text;
            } catch (IOException e) {
                return "";
            }
        }
    }
}
