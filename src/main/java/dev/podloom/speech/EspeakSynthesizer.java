package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * eSpeak NG (Debian {@code espeak-ng}): robotic but speaks ~100 languages, so it is the path for non-English
 * podcasts. Each language gets a male voice {@code espeak-ng-<lang>} and a female variant {@code espeak-ng-<lang>-f}.
 * Available only when the binary is found ({@code podloom.speech.espeak-path}).
 */
@Singleton
public final class EspeakSynthesizer implements SpeechSynthesizer {

    public static final String ENGINE = "espeak-ng";

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern VOICE_LINE = Pattern.compile("^\\s*(\\d+)\\s+(\\S+)\\s+\\S+\\s+(\\S+)\\s+\\S+\\s*(.*)$");
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("\\((\\S+) (\\d+)\\)");
    private static final String FEMALE_VARIANT = "+f3";

    private final Optional<Path> executable;
    private volatile Catalog catalog;

    public EspeakSynthesizer() {
        this(ENGINE);
    }

    @Inject
    public EspeakSynthesizer(@Value("${podloom.speech.espeak-path:espeak-ng}") String command) {
        this.executable = ExternalCommand.locate(command);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public PhonemeInput phonemeInput() {
        return PhonemeInput.ESPEAK;
    }

    @Override
    public boolean available() {
        return executable.isPresent();
    }

    @Override
    public List<Voice> voices() {
        return available() ? catalog().voices : List.of();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        Path binary = executable.orElseThrow(() -> new PipelineException(FailureCode.SYNTHESIS_FAILED, "espeak-ng is not installed"));
        String espeakVoice = catalog().espeakNames.get(voice.id());
        if (espeakVoice == null) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "espeak-ng has no voice " + voice.id());
        }
        byte[] wav = ExternalCommand.run(ENGINE,
                List.of(binary.toString(), "-b", "1", "-v", espeakVoice, "--stdout"),
                text.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        return Speech.decode(ENGINE, wav);
    }

    private Catalog catalog() {
        Catalog current = catalog;
        if (current == null) {
            synchronized (this) {
                if (catalog == null) {
                    byte[] listing = ExternalCommand.run(ENGINE,
                            List.of(executable.orElseThrow().toString(), "--voices"), null, TIMEOUT);
                    catalog = Catalog.parse(new String(listing, StandardCharsets.UTF_8));
                }
                current = catalog;
            }
        }
        return current;
    }

    /** Voices derived from {@code espeak-ng --voices}, one male + one female per primary language. */
    private record Catalog(List<Voice> voices, Map<String, String> espeakNames) {

        static Catalog parse(String listing) {
            // primary language → (rank, espeak language name); an exact match beats a voice listing it as "other".
            Map<String, Candidate> best = new TreeMap<>();
            Map<String, String> descriptions = new HashMap<>();
            for (String line : listing.split("\n")) {
                Matcher m = VOICE_LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String name = m.group(2);
                descriptions.put(name, m.group(3).replace('_', ' '));
                offer(best, primary(name), new Candidate(name.equals(primary(name)) ? 0 : Integer.parseInt(m.group(1)), name));
                Matcher other = OTHER_LANGUAGE.matcher(m.group(4));
                while (other.find()) {
                    offer(best, primary(other.group(1)), new Candidate(Integer.parseInt(other.group(2)), name));
                }
            }
            List<Voice> voices = new ArrayList<>();
            Map<String, String> names = new LinkedHashMap<>();
            best.forEach((language, candidate) -> {
                String description = descriptions.get(candidate.name);
                String id = ENGINE + "-" + language;
                voices.add(new Voice(id, ENGINE, language, "male", 22_050, description + " (eSpeak NG)"));
                voices.add(new Voice(id + "-f", ENGINE, language, "female", 22_050, description + ", female variant (eSpeak NG)"));
                names.put(id, candidate.name);
                names.put(id + "-f", candidate.name + FEMALE_VARIANT);
            });
            return new Catalog(List.copyOf(voices), Map.copyOf(names));
        }

        private static void offer(Map<String, Candidate> best, String language, Candidate candidate) {
            best.merge(language, candidate,
                    (a, b) -> Comparator.comparingInt(Candidate::rank).compare(a, b) <= 0 ? a : b);
        }

        private static String primary(String tag) {
            int dash = tag.indexOf('-');
            return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Candidate(int rank, String name) {
    }
}
