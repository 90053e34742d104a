package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.webhooks.WebhookSigner;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** What a finished podcast sets off, through the public API: the signed webhook, and auto-publishing to a show. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodcastDeliveryTest implements TestPropertyProvider {

    final MockWebServer receiver = new MockWebServer();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        return ArticlePages.renderingApp(Databases.h2());
    }

    @BeforeEach
    void connect() throws Exception {
        api = new TestApi(server, json);
        if (!receiver.getStarted()) {
            receiver.start();
        }
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aFinishedPodcastIsPublishedToItsShowAndAnnouncedByOneSignedWebhook() throws Exception {
        String account = api.createAccount("acme", 1000);
        String apiKey = api.createKey(account, "prod");
        String secret = (String) api.post("/v1/account/webhook-secret", "{}", key(apiKey)).data().get("secret");
        Response show = api.post("/v1/shows", "{\"title\":\"Bikes weekly\",\"description\":\"Two-wheeled history\"}",
                key(apiKey));
        assertThat(show.status()).as(show.raw()).isEqualTo(201);
        String showId = (String) show.data().get("show_id");
        receiver.enqueue(new MockResponse.Builder().code(204).build());

        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"auto_publish\":true,\"show_id\":\"" + showId + "\","
                + "\"callback_url\":\"" + receiver.url("/hooks/podloom") + "\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String podcastId = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(podcastId, apiKey)).containsEntry("status", "completed");

        RecordedRequest delivery = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        String body = delivery.getBody().utf8();
        String id = delivery.getHeaders().get("webhook-id");
        long timestamp = Long.parseLong(delivery.getHeaders().get("webhook-timestamp"));
        assertThat(WebhookSigner.verify(secret, id, timestamp, body, delivery.getHeaders().get("webhook-signature")))
                .isTrue();
        Map<?, ?> event = json.readValue(body, Map.class);
        assertThat(event.get("type")).isEqualTo("podcast.completed");
        assertThat(((Map<?, ?>) event.get("data")).get("podcast_id")).isEqualTo(podcastId);
        assertThat(receiver.takeRequest(2, TimeUnit.SECONDS)).as("exactly one delivery").isNull();

        List<Map<String, Object>> episodes = (List<Map<String, Object>>) api.get("/v1/shows/" + showId + "/episodes",
                key(apiKey)).data().get("episodes");
        assertThat(episodes).singleElement().satisfies(e -> assertThat(e).containsEntry("podcast_id", podcastId));
    }

    @Test
    void aShowThatIsNotTheCallersIsRefusedBeforeAnythingIsCharged() {
        String theirs = (String) api.post("/v1/shows", "{\"title\":\"Theirs\"}",
                key(api.createKey(api.createAccount("them", 10), "prod"))).data().get("show_id");
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");

        Response r = api.post("/v1/podcasts", "{\"urls\":[\"https://a.example/x\"],\"auto_publish\":true,"
                + "\"show_id\":\"" + theirs + "\"}", key(apiKey));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("SHOW_NOT_FOUND");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 1000);
    }
}
