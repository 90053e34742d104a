package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;

import static dev.podloom.speech.SpeechAssertions.assertSpeech;
import static dev.podloom.speech.SpeechAssertions.medianPitchHz;
import static org.assertj.core.api.Assertions.assertThat;

@RequiresTool("flite")
class FliteSynthesizerTest {

    private static final String SENTENCE = "Volunteers sorted more than forty thousand books by hand, "
            + "and the new reading room opened three weeks early.";
    private static final int WORDS = SENTENCE.split("\\s+").length;

    private final FliteSynthesizer flite = new FliteSynthesizer();

    @Test
    void listsTheVoicesDebianFliteShipsWith() {
        assertThat(flite.available()).isTrue();
        assertThat(flite.voices()).extracting(Voice::id)
                .containsExactly("flite-rms", "flite-slt", "flite-awb", "flite-kal16");
    }

    @Test
    void everyVoiceSpeaksAudibleSpeechOfPlausibleLength() {
        for (Voice voice : flite.voices()) {
            AudioClip clip = flite.synthesize(SENTENCE, voice);
            assertThat(clip.sampleRate()).as(voice.id()).isEqualTo(16_000);
            assertSpeech(clip, WORDS);
        }
    }

    @Test
    void femaleSltSpeaksHigherThanMaleRms() {
        AudioClip rms = flite.synthesize(SENTENCE, flite.voices().get(0));
        AudioClip slt = flite.synthesize(SENTENCE, flite.voices().get(1));
        assertThat(medianPitchHz(slt)).isGreaterThan(medianPitchHz(rms) * 1.3);
    }

    @Test
    void textThatLooksLikeAnOptionIsSpokenNotParsed() {
        AudioClip clip = flite.synthesize("-voice is a word here, and so is dash o.", flite.voices().getFirst());
        assertSpeech(clip, 9);
    }

    @Test
    void rmsSpeaksSlowerThanFlitesDefaultAndSltAtItsOwnRate() {
        Voice rms = flite.voices().get(0);
        Voice slt = flite.voices().get(1);
        java.nio.file.Path binary = java.nio.file.Path.of("flite");

        assertThat(flite.command(binary, rms, "Hello.")).containsSequence("--setf", "duration_stretch=1.1");
        assertThat(flite.command(binary, slt, "Hello.")).doesNotContain("--setf");
        double stretched = flite.synthesize(SENTENCE, rms).durationSeconds();
        double plain = Speech.decode("flite", ExternalCommand.run("flite",
                java.util.List.of("flite", "-voice", "rms", "-t", SENTENCE, "-o", "/dev/stdout"), null,
                java.time.Duration.ofSeconds(30))).durationSeconds();
        assertThat(stretched / plain).isBetween(1.05, 1.15);
    }

    @Test
    void wordsFlitesLetterToSoundRulesGetWrongAreSaidFromItsLexicon() throws Exception {
        String lexicon;
        try (var in = FliteSynthesizer.class.getResourceAsStream(FliteSynthesizer.LEXICON)) {
            lexicon = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(lexicon).contains("compiler : k ah0 m p ay1 l er0");
        java.util.List<String> command = flite.command(java.nio.file.Path.of("flite"), flite.voices().get(1), "compiler");
        String file = command.get(command.indexOf("-add_lex") + 1);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(file))).isEqualTo(lexicon);
        // flite itself says "compiler" with the stressed "eye" of the lexicon: k ah m p ay l er, not k ax m p ax l er.
        java.util.List<String> phones = new java.util.ArrayList<>(command.subList(0, command.indexOf("-t")));
        phones.addAll(java.util.List.of("-ps", "-t", "the compiler", "-o", "none"));
        String said = new String(ExternalCommand.run("flite", phones, null, java.time.Duration.ofSeconds(30)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(said).contains("k ah m p ay l er");
    }

    @Test
    void theLexiconFileIsWrittenAgainWhenATemporaryFileCleanerRemovedIt() throws Exception {
        java.util.List<String> first = flite.command(java.nio.file.Path.of("flite"), flite.voices().get(0), "compiler");
        java.nio.file.Path file = java.nio.file.Path.of(first.get(first.indexOf("-add_lex") + 1));
        java.nio.file.Files.delete(file);

        java.util.List<String> again = flite.command(java.nio.file.Path.of("flite"), flite.voices().get(0), "compiler");
        java.nio.file.Path rewritten = java.nio.file.Path.of(again.get(again.indexOf("-add_lex") + 1));

        assertThat(rewritten).isRegularFile();
        assertThat(java.nio.file.Files.readString(rewritten)).contains("compiler : k ah0 m p ay1 l er0");
        assertSpeech(flite.synthesize(SENTENCE, flite.voices().get(0)), WORDS);
    }

    @Test
    void cachedClipsAreKeyedByTheStretchAndTheLexicon() {
        assertThat(flite.cacheSettings()).contains("rms-stretch=1.1").contains("lexicon=");
    }

    @Test
    void isUnavailableWhenTheConfiguredBinaryDoesNotExist() {
        var missing = new FliteSynthesizer("/nonexistent/bin/flite");
        assertThat(missing.available()).isFalse();
        assertThat(missing.voices()).isEmpty();
    }
}
