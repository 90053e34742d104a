package dev.podloom.speech;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderHttpTest {

    @Test
    void aBaseUrlGetsATrailingSlashSoPathsResolveBeneathIt() {
        assertThat(ProviderHttp.baseUrl("http://localhost:8000/v1", null, "X").resolve("audio/speech"))
                .hasToString("http://localhost:8000/v1/audio/speech");
        assertThat(ProviderHttp.baseUrl("http://localhost:8000/v1/", null, "X").resolve("audio/speech"))
                .hasToString("http://localhost:8000/v1/audio/speech");
    }

    @Test
    void aBlankBaseUrlMeansTheProvidersOwn() {
        assertThat(ProviderHttp.baseUrl(" ", "https://api.elevenlabs.io", "X")).hasToString("https://api.elevenlabs.io/");
        assertThat(ProviderHttp.baseUrl(null, "https://api.elevenlabs.io", "X")).hasToString("https://api.elevenlabs.io/");
    }

    @Test
    void aBaseUrlThatIsNotHttpStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> ProviderHttp.baseUrl("ftp://example.org", null, "PODLOOM_SPEECH_OPENAI_BASE_URL"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PODLOOM_SPEECH_OPENAI_BASE_URL is not an http(s) URL: ftp://example.org");
        assertThatThrownBy(() -> ProviderHttp.baseUrl("", null, "PODLOOM_SPEECH_OPENAI_BASE_URL"))
                .isInstanceOf(IllegalStateException.class);
    }
}
