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
    void isUnavailableWhenTheConfiguredBinaryDoesNotExist() {
        var missing = new FliteSynthesizer("/nonexistent/bin/flite");
        assertThat(missing.available()).isFalse();
        assertThat(missing.voices()).isEmpty();
    }
}
