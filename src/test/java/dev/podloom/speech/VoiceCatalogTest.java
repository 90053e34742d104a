package dev.podloom.speech;

import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceCatalogTest {

    /** Only FreeTTS: flite and espeak-ng are pointed at binaries that do not exist. */
    private final VoiceCatalog javaOnly = new VoiceCatalog(List.of(
            new FliteSynthesizer("/nonexistent/flite"), new FreeTtsSynthesizer(),
            new EspeakSynthesizer("/nonexistent/espeak-ng")));

    @Test
    void leavesOutEnginesWhoseBinaryIsMissing() {
        assertThat(javaOnly.engines()).containsExactly("freetts");
        assertThat(javaOnly.voices()).extracting(Voice::engine).containsOnly("freetts");
        assertThat(javaOnly.find("flite-rms")).isEmpty();
        assertThat(javaOnly.languages()).containsExactly("en");
    }

    @Test
    void englishDefaultsToTheTwoFreeTtsHostsWithoutFlite() {
        assertThat(javaOnly.defaults("en-US", 2)).extracting(Voice::id)
                .containsExactly("freetts-kevin", "freetts-kevin-bright");
        assertThat(javaOnly.defaults("en", 1)).extracting(Voice::id).containsExactly("freetts-kevin");
    }

    @Test
    void anUnsupportedLanguageIsAClearErrorListingTheSupportedOnes() {
        assertThatThrownBy(() -> javaOnly.defaults("fr", 2))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_LANGUAGE");
                    assertThat(e.getMessage()).contains("'fr'").contains("en");
                });
    }

    @Test
    void anUnknownEngineIsAClearErrorListingTheAvailableOnes() {
        assertThatThrownBy(() -> javaOnly.defaults("en", 2, "flite"))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_ENGINE");
                    assertThat(e.getMessage()).contains("flite").contains("available: freetts");
                });
    }

    @Test
    void bcp47TagsAreReducedToTheirPrimaryLanguage() {
        assertThat(VoiceCatalog.primaryLanguage("en-US")).isEqualTo("en");
        assertThat(VoiceCatalog.primaryLanguage("pt_BR")).isEqualTo("pt");
        assertThat(VoiceCatalog.primaryLanguage(null)).isEqualTo("en");
        assertThat(javaOnly.voicesFor("EN-gb")).hasSize(2);
    }

    @Test
    void measuresAPlausibleSpeakingRateOncePerVoice() {
        Voice host = javaOnly.find("freetts-kevin").orElseThrow();
        Voice bright = javaOnly.find("freetts-kevin-bright").orElseThrow();
        double hostRate = javaOnly.wordsPerSecond(host);
        assertThat(hostRate).isBetween(1.5, 4.5);
        assertThat(javaOnly.wordsPerSecond(host)).isEqualTo(hostRate);
        assertThat(javaOnly.wordsPerSecond(bright)).isGreaterThan(hostRate);
    }

    @Test
    @RequiresTool({"flite", "espeak-ng"})
    void withEveryEngineInstalledEnglishPrefersFliteAndOtherLanguagesUseEspeak() {
        var catalog = new VoiceCatalog();
        assertThat(catalog.engines()).containsExactly("flite", "freetts", "espeak-ng");
        assertThat(catalog.defaults("en-US", 2)).extracting(Voice::id).containsExactly("flite-rms", "flite-slt");
        assertThat(catalog.defaults("fr-CA", 2)).extracting(Voice::id).containsExactly("espeak-ng-fr", "espeak-ng-fr-f");
        assertThat(catalog.defaults("en", 2, "freetts")).extracting(Voice::id)
                .containsExactly("freetts-kevin", "freetts-kevin-bright");
        assertThat(catalog.languages()).contains("en", "fr", "de", "es", "ja");
        assertThat(catalog.wordsPerSecond(catalog.find("flite-rms").orElseThrow())).isBetween(1.5, 4.5);
    }
}
