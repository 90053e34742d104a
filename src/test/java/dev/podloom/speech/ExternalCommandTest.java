package dev.podloom.speech;

import dev.podloom.pipeline.PipelineException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalCommandTest {

    @Test
    void returnsWhatTheEnginePrintsForTheTextOnItsInput() {
        byte[] out = ExternalCommand.run("cat", List.of("cat"), "hello".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(10));
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aFailingEngineIsSynthesisFailedWithItsStatusAndStderr() {
        assertThatThrownBy(() -> ExternalCommand.run("flite", List.of("sh", "-c", "echo 'voice not found' >&2; exit 3"),
                null, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("SYNTHESIS_FAILED");
                    assertThat(e.getMessage()).contains("flite", "status 3", "voice not found");
                });
    }

    @Test
    void anEngineThatSucceedsSilentlyButOnlyComplainsIsAFailureToo() {
        // Debian's flite exits 0 after "Error load voice" and writes nothing.
        assertThatThrownBy(() -> ExternalCommand.run("flite", List.of("sh", "-c", "echo 'Error load voice' >&2"),
                null, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.getMessage()).contains("Error load voice"));
    }

    @Test
    void aHangingEngineIsStoppedAtTheTimeout() {
        assertThatThrownBy(() -> ExternalCommand.run("espeak-ng", List.of("sleep", "30"), null, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("SYNTHESIS_FAILED");
                    assertThat(e.getMessage()).contains("espeak-ng did not finish");
                });
    }

    @Test
    void aMissingBinaryIsNotLocated() {
        assertThat(ExternalCommand.locate("/nonexistent/flite")).isEmpty();
        assertThat(ExternalCommand.locate("no-such-speech-engine-here")).isEmpty();
        assertThat(ExternalCommand.locate("sh")).isPresent();
    }
}
