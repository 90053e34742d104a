package dev.podloom.storage;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
