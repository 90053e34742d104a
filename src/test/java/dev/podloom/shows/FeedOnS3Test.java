package dev.podloom.shows;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** With S3 storage the feed's stable media URLs redirect to fresh presigned links, which answer ranges themselves. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedOnS3Test implements TestPropertyProvider {

    private S3Proxy s3;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        int port = SocketUtils.findAvailableTcpPort();
        s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .build();
        try {
            s3.start();
            while (!s3.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("micronaut.server.port", "-1"); // a free port: other suites may be running on this machine
        p.put("podloom.jobs.enabled", "false");
        p.put("podloom.storage.type", "s3");
        p.put("podloom.storage.s3.bucket", "feeds");
        p.put("podloom.storage.s3.endpoint", "http://127.0.0.1:" + port);
        p.put("podloom.storage.s3.path-style", "true");
        p.put("podloom.storage.s3.access-key", "access");
        p.put("podloom.storage.s3.secret-key", "secret");
        p.put("podloom.storage.s3.create-bucket", "true");
        return p;
    }

    @AfterAll
    void stopS3() throws Exception {
        s3.stop();
    }

    @Test
    void enclosuresRedirectToAPresignedLinkThatAnswersRanges() throws Exception {
        TestApi api = new TestApi(server, json);
        String account = api.createAccount("acme", 100);
        String apiKey = api.createKey(account, "prod");
        Map<String, Object> show = api.post("/v1/shows", "{\"title\":\"Cloud\"}", key(apiKey)).data();
        FinishedPodcasts.Completed podcast = new FinishedPodcasts(context).completed(account, "Up there", 6000,
                FinishedPodcasts.spec(null, false, null));
        assertThat(api.post("/v1/shows/" + show.get("show_id") + "/episodes", "{\"podcast_id\":\"" + podcast.id()
                + "\"}", key(apiKey)).status()).isEqualTo(201);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String feed = http.send(HttpRequest.newBuilder(URI.create((String) show.get("feed_url"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher enclosure = Pattern.compile("<enclosure url=\"([^\"]+)\" length=\"(\\d+)\"").matcher(feed);
        assertThat(enclosure.find()).as(feed).isTrue();
        assertThat(enclosure.group(2)).isEqualTo("6000");

        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(URI.create(enclosure.group(1))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("X-Amz-Signature");

        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(URI.create(location))
                .header("Range", "bytes=10-19").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(podcast.audio(), 10, 20));
    }
}
