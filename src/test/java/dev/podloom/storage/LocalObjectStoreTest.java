package dev.podloom.storage;

import dev.podloom.testsupport.SettableClock;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local store and the app's own {@code /files} endpoint, over real HTTP. */
@MicronautTest(environments = LocalObjectStoreTest.SETTABLE_LINK_CLOCK)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalObjectStoreTest extends ObjectStoreContract implements TestPropertyProvider {

    private static final byte[] SECRET = "a-test-secret-of-enough-length".getBytes(StandardCharsets.UTF_8);

    static final String SETTABLE_LINK_CLOCK = "settable-link-clock";
    private static final SettableClock clock = new SettableClock("2026-11-23T12:00:00Z");

    /** Signs and verifies links on a clock the tests move, so expiry needs no waiting. */
    @Factory
    @Requires(env = SETTABLE_LINK_CLOCK)
    static class SignerOnASettableClock {
        @Singleton
        @Replaces(DownloadLinkSigner.class)
        DownloadLinkSigner downloadLinkSigner() {
            return new DownloadLinkSigner(SECRET, clock);
        }
    }

    @Inject
    ObjectStore store;

    @Override
    public Map<String, String> getProperties() {
        int port = SocketUtils.findAvailableTcpPort();
        try {
            Path dataDir = Files.createTempDirectory("podloom-storage-test");
            return Map.of(
                    "podloom.data-dir", dataDir.toString(),
                    "micronaut.server.port", Integer.toString(port),
                    "podloom.public-base-url", "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected String signatureParameter() {
        return "signature";
    }

    @Override
    protected Duration shortLinkLifetime() {
        return Duration.ofMinutes(5);
    }

    @Override
    protected void letShortLinksExpire() {
        clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void theLocalStoreIsTheDefault() {
        assertThat(store).isInstanceOf(LocalObjectStore.class);
    }

    @Test
    void aTamperedSignatureIsRefusedWith403InTheErrorEnvelope() throws Exception {
        String key = storedObject(100);
        String url = store.downloadUrl(key, Duration.ofHours(1), null).toString();

        HttpResponse<byte[]> response = get(URI.create(url.replaceFirst("signature=.", "signature=_")), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(body(response)).contains("\"success\":false", "\"code\":\"FORBIDDEN\"", "link signature is invalid", "request_id");
    }

    @Test
    void anExpiredLinkIsRefusedWith403SayingSo() throws Exception {
        String key = storedObject(100);
        URI link = store.downloadUrl(key, Duration.ofSeconds(30), null);

        clock.advance(Duration.ofSeconds(30));
        HttpResponse<byte[]> response = get(link, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(body(response)).contains("\"code\":\"FORBIDDEN\"", "link has expired");
    }

    @Test
    void aLinkStillWorksUntilItsLastSecond() throws Exception {
        String key = storedObject(100);
        URI link = store.downloadUrl(key, Duration.ofSeconds(30), null);

        clock.advance(Duration.ofSeconds(29));

        assertThat(get(link, null).statusCode()).isEqualTo(200);
    }

    @Test
    void changingTheKeyExpiryOrFileNameOfALinkIsRefusedWith403() throws Exception {
        String key = storedObject(100);
        String other = storedObject(100);
        String url = store.downloadUrl(key, Duration.ofHours(1), "episode.mp3").toString();
        String expires = url.replaceAll(".*expires=([0-9]+).*", "$1");

        for (String tampered : new String[] {
                url.replace(key, other),
                url.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3600)),
                url.replace("expires=" + expires, "expires=0" + expires),
                url.replace("filename=episode.mp3", "filename=other.mp3"),
                url.replace("&filename=episode.mp3", ""),
                url.substring(0, url.indexOf('?'))}) {
            assertThat(get(URI.create(tampered), null).statusCode()).as(tampered).isEqualTo(403);
        }
    }

    @Test
    void aValidLinkToAnObjectThatIsGoneAnswers404() throws Exception {
        String key = storedObject(100);
        URI link = store.downloadUrl(key, Duration.ofHours(1), null);
        store.delete(key);

        HttpResponse<byte[]> response = get(link, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response)).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void aFullDownloadAdvertisesRangesLengthAndPrivateCaching() throws Exception {
        String key = storedObject(1234);

        HttpResponse<byte[]> response = get(store.downloadUrl(key, Duration.ofHours(1), null), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1234");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"sample.bin\"; filename*=UTF-8''sample.bin");
    }

    @Test
    void openEndedAndSuffixRangesAnswer206WithTheRightBytes() throws Exception {
        byte[] content = bytes(1000);
        String key = newKey("sample.bin");
        store.put(key, write(content), "application/octet-stream");
        URI link = store.downloadUrl(key, Duration.ofHours(1), null);

        HttpResponse<byte[]> openEnded = get(link, "bytes=900-");
        HttpResponse<byte[]> suffix = get(link, "bytes=-10");
        HttpResponse<byte[]> beyondTheEnd = get(link, "bytes=990-5000");

        assertThat(openEnded.statusCode()).isEqualTo(206);
        assertThat(openEnded.body()).isEqualTo(Arrays.copyOfRange(content, 900, 1000));
        assertThat(openEnded.headers().firstValue("Content-Range")).hasValue("bytes 900-999/1000");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));
        assertThat(suffix.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(beyondTheEnd.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
    }

    @Test
    void aRangeStartingPastTheEndAnswers416WithTheSize() throws Exception {
        String key = storedObject(1000);

        HttpResponse<byte[]> response = get(store.downloadUrl(key, Duration.ofHours(1), null), "bytes=1000-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */1000");
        assertThat(body(response)).contains("\"code\":\"RANGE_NOT_SATISFIABLE\"");
    }

    @Test
    void severalRangesGetTheWholeFile() throws Exception {
        String key = storedObject(1000);

        HttpResponse<byte[]> response = get(store.downloadUrl(key, Duration.ofHours(1), null), "bytes=0-1,5-6");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(1000);
    }

    @Test
    void headAnswersTheHeadersOfAGetWithoutABody() throws Exception {
        String key = storedObject(1234);
        URI link = store.downloadUrl(key, Duration.ofHours(1), null);

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(link).HEAD().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1234");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.body()).isEmpty();
    }

    private String storedObject(int size) throws IOException {
        String key = newKey("sample.bin");
        store.put(key, file(size), "application/octet-stream");
        return key;
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
