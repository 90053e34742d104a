package dev.podloom.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import dev.podloom.web.PublicBaseUrl;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

/** Picks the object store by {@code podloom.storage.type}: {@code local} (default) or {@code s3}. */
@Factory
final class ObjectStoreFactory {

    @Singleton
    @Requires(property = StorageProperties.TYPE, value = "local", defaultValue = "local")
    DownloadLinkSigner downloadLinkSigner(
            StorageProperties properties,
            // PODLOOM_LINK_SECRET maps to podloom.link-secret, not podloom.storage.link-secret: accept both.
            @Value("${podloom.link-secret:}") String linkSecretFromEnvironment,
            @Value("${podloom.data-dir:./data}") Path dataDir, Clock clock) {
        String configured = properties.getLinkSecret() != null ? properties.getLinkSecret() : linkSecretFromEnvironment;
        return new DownloadLinkSigner(LinkSecrets.resolve(configured, dataDir), clock);
    }

    @Singleton
    @Requires(property = StorageProperties.TYPE, value = "local", defaultValue = "local")
    ObjectStore localObjectStore(DownloadLinkSigner signer, @Value("${podloom.data-dir:./data}") Path dataDir,
                                 PublicBaseUrl publicBaseUrl) {
        return new LocalObjectStore(dataDir.resolve("objects"), signer, publicBaseUrl::get);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = StorageProperties.TYPE, value = "s3")
    S3ObjectStore s3ObjectStore(StorageProperties properties) {
        return S3ObjectStore.create(properties.getS3());
    }
}
