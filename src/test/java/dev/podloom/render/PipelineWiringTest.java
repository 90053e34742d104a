package dev.podloom.render;

import dev.podloom.pipeline.*;
import dev.podloom.speech.VoiceCatalog;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineWiringTest {

    @TempDir
    Path dataDir;

    @Test
    void theApplicationContextProvidesTheRendererWithTheInstalledEngines() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("podloom.data-dir", dataDir.toString()))) {
            assertThat(context.getBean(PodcastRenderer.class)).isInstanceOf(DefaultPodcastRenderer.class);
            assertThat(context.getBean(VoiceCatalog.class).engines()).contains("freetts");
        }
    }

    @Test
    void aConfiguredFlitePathThatDoesNotExistLeavesFliteOutOfTheCatalog() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("podloom.data-dir", dataDir.toString(),
                "podloom.speech.flite-path", "/nonexistent/flite"))) {
            VoiceCatalog catalog = context.getBean(VoiceCatalog.class);
            assertThat(catalog.engines()).doesNotContain("flite").contains("freetts");
            assertThat(catalog.defaults("en", 2).getFirst().id()).isEqualTo("freetts-kevin");
        }
    }
}
