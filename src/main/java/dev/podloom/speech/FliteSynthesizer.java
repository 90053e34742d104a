package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CMU Flite (Debian {@code flite}), run as one short process per turn. Available only when the binary is found
 * ({@code podloom.speech.flite-path}: a path, or a name searched on PATH).
 *
 * <p>Two corrections, each measured with {@code bench/intelligibility.sh} (see bench/README.md): the rms voice
 * speaks {@link #RMS_DURATION_STRETCH} slower than flite's default (its word error rate fell ~1 point on five
 * articles; slt got worse when slowed, so it keeps flite's rate), and {@link #LEXICON} adds pronunciations for words
 * flite's letter-to-sound rules get wrong ("compiler" came out as "kompuhler", "sprocket" as "sprkit"; found by
 * comparing flite's {@code t2p} with CMUdict), passed to every call with {@code -add_lex}.
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

    /** How much longer rms speaks than flite's default (1.0): clearer at a still ordinary pace (~2.3 words/s). */
    public static final double RMS_DURATION_STRETCH = 1.1;
    /** Lexicon addenda in flite's format ({@code word : phones with stress}), a resource of this package. */
    static final String LEXICON = "flite-lexicon.txt";

    private final Optional<Path> executable;
    /** The addenda written to a file once (flite reads them from a path); absent until first used. */
    private volatile Path lexiconFile;

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
        // Text goes in as an argument: flite hangs when it reads /dev/stdin and writes to a pipe at once.
        byte[] wav = ExternalCommand.run(ENGINE, command(binary, voice, text), null, TIMEOUT);
        return Speech.decode(ENGINE, wav);
    }

    /** The rms stretch and the lexicon change what flite says, so cached clips made without them are not reused. */
    @Override
    public String cacheSettings() {
        return "rms-stretch=" + RMS_DURATION_STRETCH + ";lexicon=" + Integer.toHexString(lexicon().hashCode());
    }

    List<String> command(Path binary, Voice voice, String text) {
        String name = voice.id().substring("flite-".length());
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-voice", name,
                "-add_lex", lexiconFile().toString()));
        if (name.equals("rms")) {
            command.addAll(List.of("--setf", "duration_stretch=" + RMS_DURATION_STRETCH));
        }
        command.addAll(List.of("-t", text, "-o", "/dev/stdout"));
        return command;
    }

    private static String lexicon() {
        try (InputStream in = FliteSynthesizer.class.getResourceAsStream(LEXICON)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + LEXICON);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The addenda's file, written on first use and written again if it has gone (a long-running service outlives
     * temporary-file cleaners such as systemd-tmpfiles).
     */
    private Path lexiconFile() {
        Path file = lexiconFile;
        if (file == null || !Files.isRegularFile(file)) {
            synchronized (this) {
                file = lexiconFile;
                if (file == null || !Files.isRegularFile(file)) {
                    try {
                        file = Files.createTempFile("podloom-flite-lexicon", ".txt");
                        Files.writeString(file, lexicon());
                        file.toFile().deleteOnExit();
                    } catch (IOException e) {
                        throw new PipelineException(FailureCode.SYNTHESIS_FAILED,
                                "flite's lexicon could not be written: " + e.getMessage(), e);
                    }
                    lexiconFile = file;
                }
            }
        }
        return file;
    }
}
