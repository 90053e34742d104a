package dev.podloom.api;

import dev.podloom.storage.DownloadLinkSigner;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests found by fuzzing and probing: compressed and chunked bodies, signed links to keys no object can have,
 * URLs with credentials. None of them may be a 500; each is answered in the envelope, through real HTTP.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestHardeningTest implements TestPropertyProvider {

    private static final int MB = 1 << 20;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestApi api;
    private String apiKey;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("micronaut.server.port", "-1");
        p.put("podloom.jobs.enabled", "false");
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
        if (apiKey == null) {
            apiKey = api.createKey(api.createAccount("prober", 1_000_000), "prod");
        }
    }

    // --- Content-Encoding ---

    @Test
    void aGzipCompressedJsonBodyIsDecodedAndValidatedLikeThePlainOne() throws Exception {
        byte[] body = "{\"target_duration_minutes\":1}".getBytes(StandardCharsets.UTF_8);

        Map<String, Object> plain = post("/v1/podcasts", body, null, false);
        Map<String, Object> gzipped = post("/v1/podcasts", gzip(body), "gzip", false);
        Map<String, Object> deflated = post("/v1/podcasts", deflate(body), "deflate", false);

        assertThat(plain).containsEntry("status", 400).containsEntry("field", "urls");
        assertThat(gzipped).containsEntry("status", 400).containsEntry("code", "INVALID_REQUEST")
                .containsEntry("field", "urls");
        assertThat(deflated).containsEntry("status", 400).containsEntry("field", "urls");
    }

    @Test
    void aGzipCompressedValidRequestIsAccepted() throws Exception {
        byte[] body = ("{\"text_content\":\"" + "The tide came in slowly over the flats. ".repeat(40) + "\","
                + "\"target_duration_minutes\":1}").getBytes(StandardCharsets.UTF_8);

        assertThat(post("/v1/podcasts", gzip(body), "gzip", false)).containsEntry("status", 202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "deflate"})
    void anUncompressedBodyLabelledAsCompressedIsA400ThatSaysSo(String encoding) throws Exception {
        byte[] body = "{\"urls\":[\"https://example.com/a\"],\"target_duration_minutes\":1}"
                .getBytes(StandardCharsets.UTF_8);

        Map<String, Object> answer = post("/v1/podcasts", body, encoding, false);

        assertThat(answer).containsEntry("status", 400).containsEntry("code", "INVALID_REQUEST");
        assertThat((String) answer.get("message")).containsAnyOf("Content-Encoding", "not valid JSON");
    }

    @Test
    void anUncompressedBodyLabelledGzipNamesTheContentEncoding() throws Exception {
        Map<String, Object> answer = post("/v1/podcasts", "{\"urls\":[]}".getBytes(StandardCharsets.UTF_8), "gzip",
                false);

        assertThat(answer).containsEntry("status", 400).containsEntry("field", "Content-Encoding");
        assertThat((String) answer.get("message")).contains("Content-Encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compress", "br;q=1", "gzip, gzip", "bogus"})
    void anEncodingTheServerDoesNotDecodeIsA415(String encoding) throws Exception {
        Map<String, Object> answer = post("/v1/podcasts", "{}".getBytes(StandardCharsets.UTF_8), encoding, false);

        assertThat(answer).containsEntry("status", 415).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
        assertThat((String) answer.get("message")).contains("gzip or deflate");
    }

    // --- limits on the bytes actually read ---

    @Test
    void aChunkedJsonBodyOverOneMegabyteIsA413() throws Exception {
        Map<String, Object> answer = post("/v1/podcasts", largeJson(2 * MB), null, true);

        assertThat(answer).containsEntry("status", 413).containsEntry("code", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aGzipBodyThatDecodesToOverOneMegabyteIsA413EvenThoughItsCompressedLengthIsSmall() throws Exception {
        byte[] compressed = gzip(largeJson(2 * MB));
        assertThat(compressed.length).isLessThan(100_000);

        assertThat(post("/v1/podcasts", compressed, "gzip", false)).containsEntry("status", 413)
                .containsEntry("code", "PAYLOAD_TOO_LARGE");
        assertThat(post("/v1/podcasts", compressed, "gzip", true)).containsEntry("status", 413);
    }

    @Test
    void aChunkedJsonBodyUnderTheLimitIsRead() throws Exception {
        byte[] body = ("{\"text_content\":\"" + "The tide came in slowly. ".repeat(15_000) + "\","
                + "\"target_duration_minutes\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isBetween(300_000, MB);

        assertThat(post("/v1/podcasts", body, null, true)).containsEntry("status", 202);
    }

    @Test
    void aChunkedImageOverTenMegabytesIsA413() throws Exception {
        String showId = (String) api.post("/v1/shows", "{\"title\":\"Probe\"}", TestApi.key(apiKey)).data()
                .get("show_id");

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.getURI()
                        .resolve("/v1/shows/" + showId + "/cover"))
                .header("Content-Type", "image/png").header("X-Api-Key", apiKey)
                .PUT(chunked(new byte[11 * MB])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE");
    }

    // --- signed links to keys no object can have ---

    @ParameterizedTest
    @ValueSource(strings = {"../link-secret", "..%2Flink-secret", ".meta/podcasts/x/episode.mp3", "a/../../podloom.mv.db",
            "podcasts//x"})
    void aCorrectlySignedLinkToAnInvalidObjectKeyIsA404(String pathKey) throws Exception {
        String key = pathKey.replace("%2F", "/");
        DownloadLinkSigner.SignedLink link = context.getBean(DownloadLinkSigner.class)
                .sign(key, Duration.ofMinutes(5), null);
        URI uri = URI.create(server.getURI() + "/files/" + pathKey + "?expires=" + link.expires()
                + "&signature=" + link.signature());

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("\"success\":false").contains("NOT_FOUND");
    }

    // --- one URL policy for sources and callbacks ---

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pass@example.com/a", "http://user@example.com/a"})
    @SuppressWarnings("unchecked")
    void sourceUrlsWithCredentialsAreRefusedNamingTheField(String url) {
        TestApi.Response answer = api.post("/v1/podcasts", "{\"urls\":[\"https://example.com/ok\",\"" + url + "\"],"
                + "\"target_duration_minutes\":1}", TestApi.key(apiKey));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat((Map<String, Object>) answer.error().get("details")).containsEntry("field", "urls[1]");
        assertThat((String) answer.error().get("message")).contains("credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pass@hooks.example.com/a", "http://user@hooks.example.com/a"})
    @SuppressWarnings("unchecked")
    void callbackUrlsWithCredentialsAreRefusedNamingTheField(String url) {
        TestApi.Response answer = api.post("/v1/podcasts", "{\"urls\":[\"https://example.com/ok\"],"
                + "\"target_duration_minutes\":1,\"callback_url\":\"" + url + "\"}", TestApi.key(apiKey));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat((Map<String, Object>) answer.error().get("details")).containsEntry("field", "callback_url");
        assertThat((String) answer.error().get("message")).contains("credentials");
    }

    // --- helpers ---

    /** POSTs raw bytes; answers status plus the error's code, message and field (when there is an error). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String path, byte[] body, String encoding, boolean chunked) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .POST(chunked ? chunked(body) : HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> answer = new HashMap<>();
        answer.put("status", response.statusCode());
        assertThat(response.body()).as("status %d, headers %s", response.statusCode(), response.headers().map())
                .isNotBlank();
        Map<String, Object> parsed = json.readValue(response.body(), Map.class);
        assertThat(parsed).as(response.body()).containsKey("success");
        if (parsed.get("error") instanceof Map<?, ?> error) {
            answer.put("code", error.get("code"));
            answer.put("message", error.get("message"));
            if (error.get("details") instanceof Map<?, ?> details && details.get("field") != null) {
                answer.put("field", details.get("field"));
            }
        }
        return answer;
    }

    /** No length given: the client sends Transfer-Encoding: chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] largeJson(int bytes) {
        return ("{\"text_content\":\"" + "a".repeat(bytes) + "\",\"target_duration_minutes\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
