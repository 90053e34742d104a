package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a {@code tts_model} means: engine ids, provider model names and aliases. */
class TtsModelResolutionTest {

    /** A provider engine that is configured (never called here). */
    record Provider(String engine, String model) implements SpeechSynthesizer {
        public boolean available() {
            return true;
        }

        public List<Voice> voices() {
            return List.of(new Voice(engine + "-kore", engine, "en", "female", 24_000, "test"));
        }

        public AudioClip synthesize(String text, Voice voice) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> models() {
            return List.of(model);
        }

        @Override
        public boolean offline() {
            return false;
        }
    }

    final FreeTtsSynthesizer freetts = new FreeTtsSynthesizer();

    @Test
    void podhocsDefaultModelGoesToTheBestOfflineEngineWhenGeminiIsNotConfigured() {
        var catalog = new VoiceCatalog(List.of(freetts, new FliteSynthesizer("/nonexistent/flite")));

        assertThat(catalog.resolveEngine("gemini-2.5-flash-tts", "en")).contains("freetts");
    }

    @Test
    void podhocsDefaultModelGoesToGeminiWhenItIsConfigured() {
        var catalog = new VoiceCatalog(List.of(freetts, new Provider("gemini", "gemini-2.5-flash-preview-tts")));

        assertThat(catalog.resolveEngine("gemini-2.5-flash-tts", "en")).contains("gemini");
    }

    @Test
    void aProvidersModelNameAndAnEngineIdBothNameTheEngine() {
        var catalog = new VoiceCatalog(List.of(freetts, new Provider("openai", "kokoro")));

        assertThat(catalog.resolveEngine("kokoro", "en")).contains("openai");
        assertThat(catalog.resolveEngine("openai", "en")).contains("openai");
        assertThat(catalog.resolveEngine("freetts", "en")).contains("freetts");
        assertThat(catalog.resolveEngine("tts-1", "en")).isEmpty();
        assertThat(catalog.ttsModels()).contains("openai", "freetts", "kokoro", "gemini-2.5-flash-tts");
    }

    @Test
    void operatorAliasesReplaceTheShippedOnes() {
        var catalog = new VoiceCatalog(List.of(freetts, new Provider("openai", "kokoro")), "house-voice=openai,cheap=espeak-ng");

        assertThat(catalog.resolveEngine("house-voice", "en")).contains("openai");
        assertThat(catalog.resolveEngine("cheap", "en")).as("espeak-ng not here: best offline").contains("freetts");
        assertThat(catalog.resolveEngine("gemini-2.5-flash-tts", "en")).isEmpty();
    }

    @Test
    void aProviderVoiceIsFoundByItsOwnNameAsWellAsItsId() {
        var catalog = new VoiceCatalog(List.of(freetts, new Provider("openai", "kokoro")));

        assertThat(catalog.find("kore")).map(Voice::id).contains("openai-kore");
        assertThat(catalog.find("openai-kore")).map(Voice::id).contains("openai-kore");
        assertThat(catalog.defaults("en", 1)).extracting(Voice::engine).containsExactly("openai");
    }
}
