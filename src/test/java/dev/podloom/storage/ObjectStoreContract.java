package dev.podloom.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ObjectStore} must do; one subclass per store runs it against the real thing. */
abstract class ObjectStoreContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    protected abstract ObjectStore store();

    /** The query parameter that carries the link's signature. */
    protected abstract String signatureParameter();

    /** The shortest lifetime the store's links support. */
    protected abstract Duration shortLinkLifetime();

    /** Lets more than {@link #shortLinkLifetime()} pass, as far as the store's links are concerned. */
    protected abstract void letShortLinksExpire() throws InterruptedException;

    @Test
    void aStoredObjectReportsItsSizeAndContentType() throws IOException {
        String key = newKey("episode.mp3");
        store().put(key, file(1000), "audio/mpeg");

        StoredObject object = store().stat(key).orElseThrow();

        assertThat(object.key()).isEqualTo(key);
        assertThat(object.size()).isEqualTo(1000);
        assertThat(object.contentType()).isEqualTo("audio/mpeg");
        assertThat(object.lastModified()).isNotNull();
    }

    @Test
    void anyRangeOfAStoredObjectReadsBackTheSameBytes() throws IOException {
        String key = newKey("episode.mp3");
        byte[] content = bytes(5000);
        store().put(key, write(content), "audio/mpeg");

        assertThat(read(key, 0, 5000)).isEqualTo(content);
        assertThat(read(key, 100, 50)).isEqualTo(Arrays.copyOfRange(content, 100, 150));
        assertThat(read(key, 4999, 1)).isEqualTo(Arrays.copyOfRange(content, 4999, 5000));
        assertThat(read(key, 5000, 0)).isEmpty();
    }

    @Test
    void puttingTheSameKeyAgainReplacesTheObject() throws IOException {
        String key = newKey("episode.mp3");
        store().put(key, file(10), "audio/mpeg");
        byte[] replacement = bytes(20);

        store().put(key, write(replacement), "audio/ogg");

        assertThat(store().stat(key).orElseThrow().contentType()).isEqualTo("audio/ogg");
        assertThat(read(key, 0, 20)).isEqualTo(replacement);
    }

    @Test
    void aMissingObjectHasNoStatAndCannotBeOpened() {
        String key = newKey("missing.mp3");

        assertThat(store().stat(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key, 0, 1)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void aDeletedObjectIsGoneAndDeletingItAgainIsHarmless() throws IOException {
        String key = newKey("episode.mp3");
        store().put(key, file(10), "audio/mpeg");

        store().delete(key);
        store().delete(key);

        assertThat(store().stat(key)).isEmpty();
    }

    @Test
    void keysThatCouldLeaveTheStoreAreRejected() throws IOException {
        Path file = file(1);
        for (String key : new String[] {"../escape", "a/../../escape", "/etc/passwd", "a//b", ".hidden", "a/./b", "", "a\\b"}) {
            assertThatThrownBy(() -> store().put(key, file, "text/plain"))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDownloadLinkServesTheUploadedBytesToAPlainHttpGet() throws Exception {
        String key = newKey("episode.mp3");
        byte[] content = bytes(70_000);
        store().put(key, write(content), "audio/mpeg");

        HttpResponse<byte[]> response = get(store().downloadUrl(key, Duration.ofHours(1), "My Episode.mp3"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("inline").contains("My Episode.mp3"));
    }

    @Test
    void aRangeRequestOnADownloadLinkAnswers206WithJustThoseBytes() throws Exception {
        String key = newKey("episode.mp3");
        byte[] content = bytes(10_000);
        store().put(key, write(content), "audio/mpeg");

        HttpResponse<byte[]> response = get(store().downloadUrl(key, Duration.ofHours(1), null), "bytes=1000-1999");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/10000");
    }

    @Test
    void changingAnyCharacterOfALinksSignatureIsRefusedWith403() throws Exception {
        String key = newKey("episode.mp3");
        store().put(key, file(100), "audio/mpeg");
        String url = store().downloadUrl(key, Duration.ofHours(1), null).toString();
        Matcher signature = Pattern.compile("[?&]" + Pattern.quote(signatureParameter()) + "=([^&]+)").matcher(url);
        assertThat(signature.find()).as("signature parameter in " + url).isTrue();

        for (int i = signature.start(1); i < signature.end(1); i++) {
            char replacement = url.charAt(i) == 'a' ? 'b' : 'a'; // valid in base64url and in hex
            String tampered = url.substring(0, i) + replacement + url.substring(i + 1);
            assertThat(get(URI.create(tampered), null).statusCode()).as(tampered).isEqualTo(403);
        }
    }

    @Test
    void anExpiredLinkIsRefusedWith403() throws Exception {
        String key = newKey("episode.mp3");
        store().put(key, file(100), "audio/mpeg");
        URI link = store().downloadUrl(key, shortLinkLifetime(), null);

        letShortLinksExpire();

        assertThat(get(link, null).statusCode()).isEqualTo(403);
    }

    protected static HttpResponse<byte[]> get(URI uri, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static String newKey(String name) {
        return "podcasts/" + UUID.randomUUID() + "/" + name;
    }

    protected Path file(int size) throws IOException {
        return write(bytes(size));
    }

    protected Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(temp, "upload", ".bin"), content);
    }

    protected static byte[] bytes(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private byte[] read(String key, long offset, long length) {
        try (InputStream in = store().open(key, offset, length)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
