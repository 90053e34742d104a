package dev.podloom.fetch;

import dev.podloom.script.ExtractiveScriptWriter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FetchConfigurationTest {

    /** The application context opens the embedded database; keep its files out of the working tree. */
    @TempDir
    Path dataDir;

    @Test
    void defaultsMatchTheDocumentedLimits() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("podloom.data-dir", dataDir.toString()))) {
            assertThat(context.getBean(FetchConfiguration.class)).isEqualTo(FetchConfiguration.defaults());
            assertThat(context.getBean(FetchConfiguration.class).allowPrivateNetworks()).isFalse();
            assertThat(context.getBean(HttpSourceFetcher.class)).isNotNull();
            assertThat(context.getBean(ExtractiveScriptWriter.class)).isNotNull();
        }
    }

    @Test
    void limitsAreReadFromPodloomFetchProperties() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "podloom.fetch.read-timeout", "5s",
                "podloom.fetch.max-redirects", 2,
                "podloom.fetch.max-body-bytes", 2048,
                "podloom.fetch.user-agent", "Test/1.0",
                "podloom.data-dir", dataDir.toString()))) {
            FetchConfiguration config = context.getBean(FetchConfiguration.class);

            assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.maxRedirects()).isEqualTo(2);
            assertThat(config.maxBodyBytes()).isEqualTo(2048);
            assertThat(config.userAgent()).isEqualTo("Test/1.0");
            assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void theGuardIsLiftedByTheEnvironmentVariable() {
        PropertySource environment = PropertySource.of("env",
                Map.of("PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS", "true"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("podloom.data-dir", dataDir.toString())).propertySources(environment).start()) {
            assertThat(context.getBean(FetchConfiguration.class).allowPrivateNetworks()).isTrue();
        }
    }
}
