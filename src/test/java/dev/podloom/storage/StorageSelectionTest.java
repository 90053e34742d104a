package dev.podloom.storage;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code podloom.storage.type} picks the store, and only the local store serves {@code /files}. */
class StorageSelectionTest {

    @TempDir
    Path dataDir;

    @Test
    void typeS3SelectsTheS3StoreWithoutTheLocalFileEndpoint() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.storage.type", "s3",
                "podloom.storage.s3.bucket", "episodes",
                "podloom.storage.s3.endpoint", "http://127.0.0.1:9",
                "podloom.storage.s3.access-key", "access",
                "podloom.storage.s3.secret-key", "secret"))) {

            assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
            assertThat(context.containsBean(LocalFileController.class)).isFalse();
            assertThat(context.containsBean(DownloadLinkSigner.class)).isFalse();
        }
    }

    @Test
    void anUnknownTypeStopsTheApplicationFromStarting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.storage.type", "ftp")).close())
                .hasStackTraceContaining("podloom.storage.type must be 'local' or 's3'");
    }

    @Test
    void withoutAPublicBaseUrlLinksPointAtLocalhostOnTheServerPort() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "micronaut.server.port", "9123"))) {

            assertThat(context.getBean(ObjectStore.class).downloadUrl("a/b.mp3", Duration.ofMinutes(1), null).toString())
                    .startsWith("http://localhost:9123/files/a/b.mp3?expires=");
        }
    }

    @Test
    void aLinkSecretFromPodloomLinkSecretIsUsedInsteadOfGeneratingOne() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "podloom.data-dir", dataDir.toString(),
                "podloom.public-base-url", "https://podloom.example/",
                "podloom.link-secret", "shared-by-every-node-0123456789"))) {

            URI link = context.getBean(ObjectStore.class).downloadUrl("a/b.mp3", Duration.ofMinutes(1), null);
            DownloadLinkSigner sameSecret = new DownloadLinkSigner(
                    "shared-by-every-node-0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

            assertThat(link.toString()).startsWith("https://podloom.example/files/a/b.mp3?");
            String expires = link.getQuery().replaceAll(".*expires=([0-9]+).*", "$1");
            String signature = link.getQuery().replaceAll(".*signature=([^&]+).*", "$1");
            assertThat(sameSecret.verify("a/b.mp3", expires, signature, null)).isEqualTo(DownloadLinkSigner.Verdict.VALID);
            assertThat(dataDir.resolve("link-secret")).doesNotExist();
        }
    }
}
