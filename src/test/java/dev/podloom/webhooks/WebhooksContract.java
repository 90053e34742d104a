package dev.podloom.webhooks;

import dev.podloom.fetch.FetchConfiguration;
import dev.podloom.shows.FinishedPodcasts;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completion webhooks end to end: podcasts finish through the render job's own completion paths, the real job
 * queue delivers to a MockWebServer receiver (private addresses allowed for it), and the receiver verifies each
 * signature the way a Standard Webhooks library would. Retries are one second apart here.
 */
abstract class WebhooksContract {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    TestApi api;
    FinishedPodcasts finished;
    MockWebServer receiver;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi(server, json);
        finished = new FinishedPodcasts(context);
        receiver = new MockWebServer();
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private record Client(String accountId, String apiKey, String secret) {
    }

    private Client client() {
        String account = api.createAccount("acme", 1000);
        String apiKey = api.createKey(account, "prod");
        Response created = api.post("/v1/account/webhook-secret", null, key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return new Client(account, apiKey, (String) created.data().get("secret"));
    }

    @Test
    void theSecretIsShownInFullOnlyWhenCreatedOrRotated() {
        String account = api.createAccount("acme", 10);
        String apiKey = api.createKey(account, "test");
        assertThat(api.get("/v1/account/webhook-secret", key(apiKey)).data()).containsEntry("configured", false);

        String first = (String) api.post("/v1/account/webhook-secret", null, key(apiKey)).data().get("secret");
        Map<String, Object> status = api.get("/v1/account/webhook-secret", key(apiKey)).data();
        String second = (String) api.post("/v1/account/webhook-secret", null, key(apiKey)).data().get("secret");

        assertThat(first).startsWith("whsec_");
        assertThat(status).containsEntry("configured", true).doesNotContainKey("secret");
        assertThat((String) status.get("prefix")).isEqualTo(first.substring(0, 10) + "…");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
    }

    @Test
    void eachFinishedPodcastSendsOneSignedDeliveryOfItsStatus() throws Exception {
        Client c = client();
        // Any 2xx counts; both answer 204 because the two deliveries may arrive in either order.
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        String url = receiver.url("/hooks/podloom").toString();

        UUID completed = finished.completed(c.accountId(), "Done", 5000, FinishedPodcasts.spec(null, false, url)).id();
        UUID failed = finished.failed(c.accountId(), FinishedPodcasts.spec(null, false, url));

        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RecordedRequest request = receiver.takeRequest(20, TimeUnit.SECONDS);
            assertThat(request).as("delivery %d", i + 1).isNotNull();
            assertSigned(request, c.secret());
            assertThat(request.getHeaders().get("User-Agent")).isEqualTo("Podloom-Webhooks/1");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
            events.add(json.readValue(request.getBody().utf8(), Map.class));
        }
        assertThat(receiver.takeRequest(1500, TimeUnit.MILLISECONDS)).as("no second delivery").isNull();

        Map<String, Object> done = event(events, "podcast.completed");
        assertThat((Map<String, Object>) done.get("data")).containsEntry("podcast_id", completed.toString())
                .containsEntry("status", "completed").containsEntry("progress", 100).containsEntry("error", null)
                .containsEntry("credits_charged", 10).containsEntry("credits_refunded", 0)
                .containsKeys("started_at", "completed_at");
        assertThat(Instant.parse((String) done.get("timestamp"))).isBefore(Instant.now().plusSeconds(1));
        Map<String, Object> lost = (Map<String, Object>) event(events, "podcast.failed").get("data");
        assertThat(lost).containsEntry("podcast_id", failed.toString()).containsEntry("status", "failed")
                .containsEntry("credits_refunded", 10);
        assertThat((Map<String, Object>) lost.get("error")).containsEntry("code", "SOURCE_NOT_FOUND");

        Map<String, Object> delivery = awaitDelivery(c, completed, "delivered");
        assertThat(delivery).containsEntry("attempts", 1).containsEntry("last_status_code", 204)
                .containsEntry("event_type", "podcast.completed").containsEntry("url", url);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameDeliveryOnTheThirdTry() throws Exception {
        Client c = client();
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(503).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        UUID podcast = finished.completed(c.accountId(), "Retry", 4000,
                FinishedPodcasts.spec(null, false, receiver.url("/hook").toString())).id();

        List<RecordedRequest> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordedRequest request = receiver.takeRequest(20, TimeUnit.SECONDS);
            assertThat(request).as("attempt %d", i + 1).isNotNull();
            assertSigned(request, c.secret());
            attempts.add(request);
        }

        assertThat(attempts).extracting(r -> r.getHeaders().get("webhook-id")).containsOnly(
                attempts.getFirst().getHeaders().get("webhook-id"));
        assertThat(attempts).extracting(r -> r.getBody().utf8()).containsOnly(attempts.getFirst().getBody().utf8());
        Map<String, Object> delivery = awaitDelivery(c, podcast, "delivered");
        assertThat(delivery).containsEntry("attempts", 3).containsEntry("last_status_code", 200)
                .containsEntry("last_error", null);
        assertThat(receiver.takeRequest(1500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aDeliveryIsGivenUpAfterItsLastRetryWithTheReasonRecorded() throws Exception {
        Client c = client();
        for (int i = 0; i < 4; i++) {
            receiver.enqueue(new MockResponse.Builder().code(500).build());
        }
        UUID podcast = finished.completed(c.accountId(), "Never", 3000,
                FinishedPodcasts.spec(null, false, receiver.url("/hook").toString())).id();

        Map<String, Object> delivery = awaitDelivery(c, podcast, "failed");

        assertThat(delivery).containsEntry("attempts", 4).containsEntry("last_status_code", 500)
                .containsEntry("next_attempt_at", null);
        assertThat((String) delivery.get("last_error")).contains("HTTP 500");
        assertThat(receiver.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aCallbackOnAPrivateAddressIsRefusedByTheSsrfGuardAndNotRetried() {
        Client c = client();
        UUID id = UUID.randomUUID();
        TransactionOperations<Connection> tx = context.getBean(Argument.of(TransactionOperations.class, Connection.class));
        WebhookDeliveries deliveries = context.getBean(WebhookDeliveries.class);
        tx.executeWrite(status -> {
            deliveries.insert(id, UUID.fromString(c.accountId()), null, "podcast.completed",
                    receiver.url("/hook").toString(), "{}", Instant.now());
            return null;
        });
        // The production guard, unlike this test server's configuration.
        DeliverWebhookJob guarded = new DeliverWebhookJob(deliveries, context.getBean(WebhookSecrets.class),
                new WebhookSettings(List.of(Duration.ofSeconds(1)), Duration.ofSeconds(5)), FetchConfiguration.defaults(),
                Clock.systemUTC());

        assertThat(guarded.run(id)).isInstanceOf(DeliverWebhookJob.Outcome.Finished.class);

        WebhookDelivery delivery = guarded.load(id).orElseThrow();
        assertThat(delivery.status()).isEqualTo("failed");
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastError()).contains("Refused").contains("loopback");
        assertThat(receiver.getRequestCount()).isZero();
    }

    /** The webhook client reads host literals as the fetcher does (inet_aton): these are all loopback, not public. */
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.0.0.1", "2130706433", "0x7f000001", "017700000001", "127.1"})
    void aCallbackOnALoopbackAddressSpelledInOctalHexOrDecimalIsRefusedAsLoopback(String host) {
        Client c = client();
        UUID id = UUID.randomUUID();
        String url = "http://" + host + ":" + receiver.getPort() + "/hook";
        TransactionOperations<Connection> tx = context.getBean(Argument.of(TransactionOperations.class, Connection.class));
        WebhookDeliveries deliveries = context.getBean(WebhookDeliveries.class);
        tx.executeWrite(status -> {
            deliveries.insert(id, UUID.fromString(c.accountId()), null, "podcast.completed", url, "{}", Instant.now());
            return null;
        });
        DeliverWebhookJob guarded = new DeliverWebhookJob(deliveries, context.getBean(WebhookSecrets.class),
                new WebhookSettings(List.of(Duration.ofSeconds(1)), Duration.ofSeconds(5)), FetchConfiguration.defaults(),
                Clock.systemUTC());

        assertThat(guarded.run(id)).isInstanceOf(DeliverWebhookJob.Outcome.Finished.class);

        WebhookDelivery delivery = guarded.load(id).orElseThrow();
        assertThat(delivery.status()).isEqualTo("failed");
        assertThat(delivery.lastError()).contains("Refused").contains("127.0.0.1").contains("loopback");
        assertThat(receiver.getRequestCount()).isZero();
    }

    /** Where private addresses are allowed, an octal literal goes to the address it denotes (127.0.0.1), not 177.0.0.1. */
    @Test
    void aCallbackSpelledAsAnOctalLiteralIsDeliveredToTheAddressItDenotes() throws Exception {
        Client c = client();
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        String url = "http://0177.0.0.1:" + receiver.getPort() + "/hook";
        UUID podcast = finished.completed(c.accountId(), "Octal", 2000, FinishedPodcasts.spec(null, false, url)).id();

        RecordedRequest request = receiver.takeRequest(20, TimeUnit.SECONDS);

        assertThat(request).isNotNull();
        assertSigned(request, c.secret());
        assertThat(awaitDelivery(c, podcast, "delivered")).containsEntry("attempts", 1);
    }

    @Test
    void deliveriesAreListedOnlyForTheirOwnAccountAndBadFiltersAre400() throws Exception {
        Client c = client();
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        UUID podcast = finished.completed(c.accountId(), "Mine", 2000,
                FinishedPodcasts.spec(null, false, receiver.url("/hook").toString())).id();
        awaitDelivery(c, podcast, "delivered");

        assertThat((List<?>) api.get("/v1/webhooks/deliveries", key(client().apiKey())).data().get("deliveries"))
                .isEmpty();
        Response bad = api.get("/v1/webhooks/deliveries?podcast_id=nope", key(c.apiKey()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(api.get("/v1/webhooks/deliveries?limit=101", key(c.apiKey())).status()).isEqualTo(400);
    }

    private static void assertSigned(RecordedRequest request, String secret) {
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        String signature = request.getHeaders().get("webhook-signature");
        assertThat(id).startsWith("msg_");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
        assertThat(WebhookSigner.verify(secret, id, Long.parseLong(timestamp), request.getBody().utf8(), signature))
                .as("signature %s verifies", signature).isTrue();
    }

    private static Map<String, Object> event(List<Map<String, Object>> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitDelivery(Client c, UUID podcast, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            Response r = api.get("/v1/webhooks/deliveries?podcast_id=" + podcast, key(c.apiKey()));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            List<Map<String, Object>> list = (List<Map<String, Object>>) r.data().get("deliveries");
            assertThat(list).hasSize(1);
            last = list.getFirst();
            if (status.equals(last.get("status"))) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("delivery never became " + status + ": " + last);
    }
}
