package dev.podloom.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import dev.podloom.web.PublicBaseUrl;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

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
            @Value("${podloom.data-dir:./data}") Path dataDir,
            DataSource dataSource, DataSourceResolver resolver, Clock clock) {
        String configured = properties.getLinkSecret() != null ? properties.getLinkSecret() : linkSecretFromEnvironment;
        // The raw pool: this runs once at startup, outside any transaction.
        return new DownloadLinkSigner(LinkSecrets.resolve(configured, dataDir, resolver.resolve(dataSource), clock),
                clock);
    }

    @Singleton
    @Requires(property = StorageProperties.TYPE, value = "local", defaultValue = "local")
    ObjectStore localObjectStore(DownloadLinkSigner signer, StorageProperties properties,
                                 @Value("${podloom.data-dir:./data}") Path dataDir, PublicBaseUrl publicBaseUrl) {
        return new LocalObjectStore(properties.localDirectory(dataDir), signer, publicBaseUrl::get);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = StorageProperties.TYPE, value = "s3")
    S3ObjectStore s3ObjectStore(StorageProperties properties) {
        return S3ObjectStore.create(properties.getS3());
    }
}
