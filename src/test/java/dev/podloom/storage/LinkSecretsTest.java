package dev.podloom.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class LinkSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredSecretIsUsedAsIsAndNothingIsWritten() {
        byte[] secret = LinkSecrets.resolve("configured-secret-value", dataDir);

        assertThat(secret).isEqualTo("configured-secret-value".getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("link-secret")).doesNotExist();
    }

    @Test
    void withoutConfigurationA32ByteSecretIsGeneratedOnceReadableOnlyByTheOwner() throws Exception {
        byte[] first = LinkSecrets.resolve(null, dataDir);
        byte[] afterRestart = LinkSecrets.resolve("", dataDir);

        assertThat(first).hasSize(32).isEqualTo(afterRestart);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("link-secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void eachDataDirectoryGetsItsOwnGeneratedSecret() {
        assertThat(LinkSecrets.resolve(null, dataDir.resolve("a"))).isNotEqualTo(LinkSecrets.resolve(null, dataDir.resolve("b")));
    }
}
