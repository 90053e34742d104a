package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CMU Flite (Debian {@code flite}), run as one short process per turn. Available only when the binary is found
 * ({@code podloom.speech.flite-path}: a path, or a name searched on PATH).
 */
@Singleton
public final class FliteSynthesizer implements SpeechSynthesizer {

    public static final String ENGINE = "flite";

    /** Voices compiled into Debian's flite, host-worthy first (rms has the lowest word error rate). */
    private static final List<Voice> VOICES = List.of(
            new Voice("flite-rms", ENGINE, "en", "male", 16_000, "US English male (CMU rms), clearest flite voice"),
            new Voice("flite-slt", ENGINE, "en", "female", 16_000, "US English female (CMU slt)"),
            new Voice("flite-awb", ENGINE, "en", "male", 16_000, "Scottish English male (CMU awb)"),
            new Voice("flite-kal16", ENGINE, "en", "male", 16_000, "US English male diphone voice (kal16), fastest"));

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Optional<Path> executable;

    public FliteSynthesizer() {
        this(ENGINE);
    }

    @Inject
    public FliteSynthesizer(@Value("${podloom.speech.flite-path:flite}") String command) {
        this.executable = ExternalCommand.locate(command);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return executable.isPresent();
    }

    @Override
    public List<Voice> voices() {
        return available() ? VOICES : List.of();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        Path binary = executable.orElseThrow(() -> new PipelineException(FailureCode.SYNTHESIS_FAILED, "flite is not installed"));
        if (!VOICES.contains(voice)) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "flite has no voice " + voice.id());
        }
        String name = voice.id().substring("flite-".length());
        // Text goes in as an argument: flite hangs when it reads /dev/stdin and writes to a pipe at once.
        byte[] wav = ExternalCommand.run(ENGINE,
                List.of(binary.toString(), "-voice", name, "-t", text, "-o", "/dev/stdout"), null, TIMEOUT);
        return Speech.decode(ENGINE, wav);
    }
}
