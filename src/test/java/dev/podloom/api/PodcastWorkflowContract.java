package dev.podloom.api;

import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.LedgerEntry;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's complete workflow against the real pipeline: create → poll → download, with a
 * locally served article. Also what happens when a source fails: failed status, exact refund.
 */
abstract class PodcastWorkflowContract {

    static final MockWebServer PAGES = startPages();
    static final String ARTICLE_HTML = fixture("/fixtures/article-2000-words.html");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CreditLedger ledger;

    TestApi api;

    /** Properties both databases share: the page server is private, and links must point at our port. */
    static Map<String, String> workflowProperties(Map<String, String> database) {
        int port = freePort();
        Map<String, String> p = new HashMap<>(database);
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("podloom.fetch.allow-private-networks", "true");
        p.put("micronaut.server.port", String.valueOf(port));
        p.put("podloom.public-base-url", "http://localhost:" + port);
        p.put("podloom.pricing-rules", TestRules.fastPolling());
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @AfterAll
    static void stopPages() {
        PAGES.close();
    }

    private static String url(String path) {
        return PAGES.url(path).toString();
    }

    @Test
    void theSeedsWorkflowEndsInAPlayableMp3OfTheRequestedLengthBuiltFromTheArticle() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + url("/article") + "\"],\"language\":\"en-US\","
                + "\"target_duration_minutes\":1,\"style\":\"conversational\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");

        List<Integer> progress = new ArrayList<>();
        Map<String, Object> status = poll(id, apiKey, progress);

        assertThat(status).as("%s", status).containsEntry("status", "completed").containsEntry("progress", 100);
        assertThat(progress).isSorted();
        assertThat(status.get("started_at")).isNotNull();

        Response download = api.get("/v1/podcasts/" + id + "/download", key(apiKey));
        assertThat(download.data()).containsEntry("format", "mp3").containsKey("expires_at");
        assertThat(((Number) download.data().get("duration_seconds")).doubleValue()).isBetween(54.0, 66.0);
        byte[] mp3 = fetch((String) download.data().get("download_url"));
        assertThat(new String(mp3, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("ID3");
        assertThat(mp3.length).isEqualTo(((Number) download.data().get("size_bytes")).intValue()).isGreaterThan(100_000);

        String vtt = new String(fetch((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey)).data()
                .get("download_url")), StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT").contains("<v ");
        long fromArticle = vtt.lines().filter(l -> l.contains(">"))
                .map(l -> l.substring(l.indexOf('>') + 1).strip())
                .filter(l -> l.length() > 40 && ARTICLE_HTML.contains(l.substring(0, 30))).count();
        assertThat(fromArticle).as("transcript lines quoting the article").isGreaterThan(3);

        Response details = api.get("/v1/podcasts/" + id, key(apiKey));
        assertThat(details.data()).containsEntry("status", "completed").containsEntry("sources",
                List.of(url("/article")));
        assertThat((String) details.data().get("title")).isNotBlank();
    }

    @Test
    void aSourceThatCannotBeFetchedFailsThePodcastAndRefundsItExactlyOnce() throws Exception {
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "test");
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + url("/missing") + "\"],"
                + "\"target_duration_minutes\":2}", key(apiKey));
        String id = (String) created.data().get("podcast_id");
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(500 - 54);

        Map<String, Object> status = poll(id, apiKey, new ArrayList<>());

        assertThat(status).containsEntry("status", "failed").containsEntry("credits_refunded", 54);
        assertThat(((Map<?, ?>) status.get("error")).get("code")).isEqualTo("SOURCE_NOT_FOUND");
        assertThat((String) ((Map<?, ?>) status.get("error")).get("message")).contains(url("/missing"));
        UUID accountId = UUID.fromString(account);
        assertThat(ledger.balance(accountId)).isEqualTo(500).isEqualTo(ledger.ledgerSum(accountId));
        List<LedgerEntry> refunds = ledger.recentEntries(accountId, 50).stream()
                .filter(e -> e.kind().equals("refund")).toList();
        assertThat(refunds).singleElement().satisfies(e -> {
            assertThat(e.amount()).isEqualTo(54);
            assertThat(e.reference()).isEqualTo("podcast:" + id);
        });
        assertThat(api.get("/v1/podcasts/" + id + "/download", key(apiKey)).errorCode()).isEqualTo("PODCAST_NOT_READY");
    }

    @Test
    void aSecondConcurrentGenerationOnATestKeyIsRateLimited() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        String slow = "{\"urls\":[\"" + url("/slow") + "\"],\"target_duration_minutes\":1}";

        Response first = api.post("/v1/podcasts", slow, key(apiKey));
        Response second = api.post("/v1/podcasts", slow, key(apiKey));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(second.header("Retry-After")).isNotBlank();
        poll((String) first.data().get("podcast_id"), apiKey, new ArrayList<>());
    }

    private Map<String, Object> poll(String id, String apiKey, List<Integer> progress) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Map<String, Object> data = api.get("/v1/podcasts/" + id + "/status", key(apiKey)).data();
            progress.add(((Number) data.get("progress")).intValue());
            if ("completed".equals(data.get("status")) || "failed".equals(data.get("status"))) {
                return data;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("podcast " + id + " did not finish in time");
    }

    private static byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static MockWebServer startPages() {
        MockWebServer pages = new MockWebServer();
        pages.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return switch (path) {
                    case "/article" -> html(ARTICLE_HTML).build();
                    case "/slow" -> html(ARTICLE_HTML).headersDelay(3, TimeUnit.SECONDS).build();
                    default -> new MockResponse.Builder().code(404).body("not here").build();
                };
            }
        });
        try {
            pages.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static MockResponse.Builder html(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8").body(body);
    }

    private static String fixture(String path) {
        try (InputStream in = PodcastWorkflowContract.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
