package dev.podloom.api;

import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.LedgerEntry;
import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's complete workflow against the real pipeline: create → poll → download, with a
 * locally served article. Also what happens when a source fails: failed status, exact refund.
 */
abstract class PodcastWorkflowContract {


    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CreditLedger ledger;

    TestApi api;


    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }



    @Test
    void theSeedsWorkflowEndsInAPlayableMp3OfTheRequestedLengthBuiltFromTheArticle() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],\"language\":\"en-US\","
                + "\"target_duration_minutes\":1,\"style\":\"conversational\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");

        List<Integer> progress = new ArrayList<>();
        Map<String, Object> status = api.awaitFinished(id, apiKey, progress);

        assertThat(status).as("%s", status).containsEntry("status", "completed").containsEntry("progress", 100);
        assertThat(progress).isSorted();
        assertThat(status.get("started_at")).isNotNull();

        Response download = api.get("/v1/podcasts/" + id + "/download", key(apiKey));
        assertThat(download.data()).containsEntry("format", "mp3").containsKey("expires_at");
        assertThat(((Number) download.data().get("duration_seconds")).doubleValue()).isBetween(54.0, 66.0);
        byte[] mp3 = api.download((String) download.data().get("download_url"));
        assertThat(new String(mp3, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("ID3");
        assertThat(mp3.length).isEqualTo(((Number) download.data().get("size_bytes")).intValue()).isGreaterThan(100_000);

        String vtt = new String(api.download((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey)).data()
                .get("download_url")), StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT").contains("<v ");
        long fromArticle = vtt.lines().filter(l -> l.contains(">"))
                .map(l -> l.substring(l.indexOf('>') + 1).strip())
                .filter(l -> l.length() > 40 && ArticlePages.ARTICLE_HTML.contains(l.substring(0, 30))).count();
        assertThat(fromArticle).as("transcript lines quoting the article").isGreaterThan(3);

        Response details = api.get("/v1/podcasts/" + id, key(apiKey));
        assertThat(details.data()).containsEntry("status", "completed").containsEntry("sources",
                List.of(ArticlePages.url("/article")));
        assertThat((String) details.data().get("title")).isNotBlank();
    }

    @Test
    void aSourceThatCannotBeFetchedFailsThePodcastAndRefundsItExactlyOnce() throws Exception {
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "test");
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/missing") + "\"],"
                + "\"target_duration_minutes\":2}", key(apiKey));
        String id = (String) created.data().get("podcast_id");
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(500 - 54);

        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "failed").containsEntry("credits_refunded", 54);
        assertThat(((Map<?, ?>) status.get("error")).get("code")).isEqualTo("SOURCE_NOT_FOUND");
        assertThat((String) ((Map<?, ?>) status.get("error")).get("message")).contains(ArticlePages.url("/missing"));
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
    void aSecondConcurrentGenerationOnATestKeyIsRateLimitedUntilTheFirstFinishes() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        String slow = "{\"urls\":[\"" + ArticlePages.url("/slow") + "\"],\"target_duration_minutes\":1}";

        Response first = api.post("/v1/podcasts", slow, key(apiKey));
        Response second = api.post("/v1/podcasts", slow, key(apiKey));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(second.header("Retry-After")).isNotBlank();
        api.awaitFinished((String) first.data().get("podcast_id"), apiKey);
        // Finished, its slot is free again.
        Response third = api.post("/v1/podcasts", slow, key(apiKey));
        assertThat(third.status()).as(third.raw()).isEqualTo(202);
        api.awaitFinished((String) third.data().get("podcast_id"), apiKey);
    }






}
