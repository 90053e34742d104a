package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;

import static dev.podloom.speech.SpeechAssertions.assertSpeech;
import static dev.podloom.speech.SpeechAssertions.medianPitchHz;
import static org.assertj.core.api.Assertions.assertThat;

@RequiresTool("espeak-ng")
class EspeakSynthesizerTest {

    private static final String FRENCH = "La bibliothèque a rouvert trois semaines plus tôt, grâce aux bénévoles "
            + "qui ont trié quarante mille livres.";
    private static final int WORDS = FRENCH.split("\\s+").length;

    private final EspeakSynthesizer espeak = new EspeakSynthesizer();

    @Test
    void offersAMaleAndAFemaleVoicePerLanguage() {
        assertThat(espeak.voices()).extracting(Voice::id)
                .contains("espeak-ng-fr", "espeak-ng-fr-f", "espeak-ng-de", "espeak-ng-de-f", "espeak-ng-es",
                        "espeak-ng-en", "espeak-ng-zh");
        assertThat(espeak.voices()).filteredOn(v -> v.id().equals("espeak-ng-fr-f"))
                .singleElement().satisfies(v -> {
                    assertThat(v.language()).isEqualTo("fr");
                    assertThat(v.gender()).isEqualTo("female");
                });
    }

    @Test
    void speaksFrenchFromAStreamedWavWithPlaceholderSizes() {
        Voice french = voice("espeak-ng-fr");
        AudioClip clip = espeak.synthesize(FRENCH, french);
        assertThat(clip.sampleRate()).isEqualTo(22_050);
        assertSpeech(clip, WORDS);
    }

    @Test
    void femaleVariantSpeaksHigher() {
        AudioClip male = espeak.synthesize(FRENCH, voice("espeak-ng-fr"));
        AudioClip female = espeak.synthesize(FRENCH, voice("espeak-ng-fr-f"));
        assertThat(medianPitchHz(female)).isGreaterThan(medianPitchHz(male) * 1.3);
    }

    private Voice voice(String id) {
        return espeak.voices().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }
}
