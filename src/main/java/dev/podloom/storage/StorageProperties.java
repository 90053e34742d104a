package dev.podloom.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.nio.file.Path;

/**
 * {@code podloom.storage.*}: which store holds objects and how to reach it. Created at startup
 * ({@code @Context}) so that a mistyped store type stops the application instead of surfacing later.
 */
@Context
@ConfigurationProperties("podloom.storage")
public class StorageProperties {

    public static final String TYPE = "podloom.storage.type";

    /** {@code local} (files under the data directory) or {@code s3}. */
    @Pattern(regexp = "local|s3", message = "podloom.storage.type must be 'local' or 's3'")
    private String type = "local";

    /** Secret for local download links (at least 16 bytes); when unset the database's shared one is used. */
    private String linkSecret;

    /**
     * Where the local store keeps objects ({@code PODLOOM_STORAGE_LOCAL_DIRECTORY}); unset means
     * {@code <data-dir>/objects}. Several nodes on local storage must all point at one shared directory.
     */
    private Path localDirectory;

    private S3 s3 = new S3();

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getLinkSecret() {
        return linkSecret;
    }

    public void setLinkSecret(String linkSecret) {
        this.linkSecret = linkSecret;
    }

    public Path getLocalDirectory() {
        return localDirectory;
    }

    public void setLocalDirectory(Path localDirectory) {
        this.localDirectory = localDirectory;
    }

    /** The local store's directory: the configured one, or {@code objects} under the data directory. */
    public Path localDirectory(Path dataDir) {
        return localDirectory != null ? localDirectory : dataDir.resolve("objects");
    }

    public S3 getS3() {
        return s3;
    }

    public void setS3(S3 s3) {
        this.s3 = s3;
    }

    /** {@code podloom.storage.s3.*}: any S3-compatible service. */
    @ConfigurationProperties("s3")
    public static class S3 {

        @NotBlank(message = "podloom.storage.s3.bucket is required when podloom.storage.type is s3")
        private String bucket = "podloom";
        private String region = "us-east-1";
        /** For S3-compatible services (MinIO, R2, ...); unset means AWS. */
        private URI endpoint;
        private boolean pathStyle = false;
        /** Static credentials; when unset the AWS default credential chain is used. */
        private String accessKey;
        private String secretKey;
        /** Prepended to every key, so one bucket can serve several deployments. */
        private String keyPrefix = "";
        private boolean createBucket = false;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public boolean isPathStyle() {
            return pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public boolean isCreateBucket() {
            return createBucket;
        }

        public void setCreateBucket(boolean createBucket) {
            this.createBucket = createBucket;
        }
    }
}
