package dev.podloom.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Objects in an S3-compatible bucket. Download links are S3 presigned GETs, so audio never passes
 * through the app; S3 itself answers {@code Range} requests and refuses tampered or expired links.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String keyPrefix;

    public S3ObjectStore(S3Client client, S3Presigner presigner, String bucket, String keyPrefix) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    /** Builds the clients from configuration and, if asked to, creates the bucket. */
    public static S3ObjectStore create(StorageProperties.S3 config) {
        Region region = Region.of(config.getRegion());
        AwsCredentialsProvider credentials = config.getAccessKey() != null && config.getSecretKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.getAccessKey(), config.getSecretKey()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration s3Configuration = S3Configuration.builder().pathStyleAccessEnabled(config.isPathStyle()).build();

        // Set explicitly: several SDK HTTP clients are on the classpath and the SDK refuses to guess.
        S3ClientBuilder clientBuilder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        if (config.getEndpoint() != null) {
            clientBuilder.endpointOverride(config.getEndpoint());
            presignerBuilder.endpointOverride(config.getEndpoint());
        }
        S3ObjectStore store = new S3ObjectStore(clientBuilder.build(), presignerBuilder.build(),
                config.getBucket(), config.getKeyPrefix());
        if (config.isCreateBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    void createBucketIfMissing() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        client.putObject(b -> b.bucket(bucket).key(s3Key(key)).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(s3Key(key)));
            return Optional.of(new StoredObject(key, head.contentLength(), head.contentType(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD answers carry no body, so the SDK cannot always name the error
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("Range " + offset + "+" + length + " is invalid");
        }
        if (length == 0) {
            stat(key).orElseThrow(() -> new ObjectNotFoundException(key));
            return InputStream.nullInputStream(); // an empty HTTP range cannot be expressed
        }
        try {
            return client.getObject(b -> b.bucket(bucket).key(s3Key(key))
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key);
        }
    }

    @Override
    public void delete(String key) {
        client.deleteObject(b -> b.bucket(bucket).key(s3Key(key)));
    }

    @Override
    public URI downloadUrl(String key, Duration ttl, String downloadFileName) {
        String fileName = downloadFileName != null ? downloadFileName : ObjectKeys.fileName(key);
        var presigned = presigner.presignGetObject(p -> p
                .signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(s3Key(key))
                        .responseContentDisposition(ContentDisposition.inline(fileName))));
        return URI.create(presigned.url().toString());
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private String s3Key(String key) {
        return keyPrefix + ObjectKeys.requireValid(key);
    }
}
