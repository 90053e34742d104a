package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a speech engine binary: locates it, feeds stdin, collects stdout, enforces a timeout. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    /**
     * The executable for {@code command}: used as is when it contains a path separator, else searched on PATH.
     */
    static Optional<Path> locate(String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command}, writes {@code stdin} (may be null) and returns what it printed on stdout.
     * A non-zero exit, a timeout or an I/O failure is a {@code SYNTHESIS_FAILED} naming the engine and its stderr.
     */
    static byte[] run(String engine, List<String> command, byte[] stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, engine + " could not be started: " + e.getMessage(), e);
        }
        // stdout and stderr are drained concurrently so a chatty engine cannot block on a full pipe.
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                Thread::startVirtualThread);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()),
                Thread::startVirtualThread);
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The engine closed its input early; its exit status and stderr below say why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PipelineException(FailureCode.SYNTHESIS_FAILED,
                        engine + " did not finish within " + timeout.toSeconds() + " s");
            }
            byte[] out = stdout.join();
            String errors = new String(stderr.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new PipelineException(FailureCode.SYNTHESIS_FAILED,
                        engine + " exited with status " + process.exitValue() + (errors.isEmpty() ? "" : ": " + errors));
            }
            if (out.length == 0 && !errors.isEmpty()) {
                throw new PipelineException(FailureCode.SYNTHESIS_FAILED, engine + " produced no audio: " + errors);
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, engine + " was interrupted", e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            var out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
