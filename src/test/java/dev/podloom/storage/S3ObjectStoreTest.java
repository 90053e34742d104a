package dev.podloom.storage;

import io.micronaut.core.io.socket.SocketUtils;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 store against s3proxy, a real S3 protocol server running in-process. */
class S3ObjectStoreTest extends ObjectStoreContract {

    private static S3Proxy s3;
    private static S3ObjectStore store;

    @BeforeAll
    static void startS3() throws Exception {
        int port = SocketUtils.findAvailableTcpPort();
        s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        StorageProperties.S3 config = new StorageProperties.S3();
        config.setBucket("episodes");
        config.setEndpoint(URI.create("http://127.0.0.1:" + port));
        config.setPathStyle(true);
        config.setAccessKey("access");
        config.setSecretKey("secret");
        config.setKeyPrefix("tenant-a/");
        config.setCreateBucket(true);
        store = S3ObjectStore.create(config);
    }

    @AfterAll
    static void stopS3() throws Exception {
        store.close();
        s3.stop();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected String signatureParameter() {
        return "X-Amz-Signature";
    }

    @Override
    protected Duration shortLinkLifetime() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void letShortLinksExpire() throws InterruptedException {
        // S3 checks links against its own clock: real time has to pass.
        Thread.sleep(2_100);
    }

    @Test
    void creatingTheBucketAgainAtStartupIsHarmless() {
        store.createBucketIfMissing();

        assertThat(store.stat(newKey("nothing.mp3"))).isEmpty();
    }

    @Test
    void aPresignedLinkAsksS3ForAnInlineDispositionWithTheFileName() throws Exception {
        String key = newKey("episode.mp3");
        store.put(key, file(10), "audio/mpeg");

        URI link = store.downloadUrl(key, Duration.ofMinutes(5), "Ünïcode episode.mp3");
        HttpResponse<byte[]> response = get(link, null);

        assertThat(link.getRawQuery()).contains("response-content-disposition=");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("inline; filename=\"_n_code episode.mp3\"")
                        .contains("filename*=UTF-8''%C3%9Cn%C3%AFcode%20episode.mp3"));
    }
}
