package dev.podloom.api;

import dev.podloom.credits.CreditLedger;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v1/podcasts as a paying client meets it: validation, restrictions, charging, idempotency,
 * ownership. Render jobs are switched off here (the job runner has its own tests), so what is checked
 * is the money and the answers. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class PodcastApiContract {

    static final String ARTICLE = "https://example.com/article";

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

    private String body(int minutes) {
        return "{\"urls\":[\"" + ARTICLE + "\"],\"language\":\"en-US\",\"target_duration_minutes\":" + minutes
                + ",\"style\":\"conversational\"}";
    }

    @Test
    void aPodcastIsAcceptedChargedAndQueuedInTheSeedsShape() {
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "test");

        Response r = api.post("/v1/podcasts", body(5), key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.data()).containsEntry("status", "requested").containsEntry("estimated_duration_minutes", 5)
                .containsEntry("credits_charged", 54).containsKey("podcast_id"); // max(30, 12.5) × 1.2 × 1.5
        Map<?, ?> meta = (Map<?, ?>) r.body().get("meta");
        assertThat(meta.get("credits_charged")).isEqualTo(54);
        assertThat(meta.get("credit_balance")).isEqualTo(446);
        assertThat(meta.get("request_id")).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.header("Location")).isEqualTo("/v1/podcasts/" + r.data().get("podcast_id") + "/status");

        Response status = api.get("/v1/podcasts/" + r.data().get("podcast_id") + "/status", key(apiKey));
        assertThat(status.data()).containsEntry("status", "requested").containsEntry("progress", 0);
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 446);
    }

    @Test
    void theChargeEqualsTheEstimateForTheSameRequest() {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String request = "{\"urls\":[\"" + ARTICLE + "\",\"https://example.org/b\"],\"target_duration_minutes\":45,"
                + "\"source_weights\":{\"" + ARTICLE + "\":2}}";

        Response estimate = api.get("/v1/estimate-cost?duration_minutes=45&source_count=2&voice_count=2"
                + "&has_custom_weights=true", key(apiKey));
        Response created = api.post("/v1/podcasts", request, key(apiKey));

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        assertThat(created.data().get("credits_charged")).isEqualTo(estimate.data().get("final_credits"));
    }

    @Test
    void notEnoughCreditsIs402WithRequiredAndBalanceAndChargesNothing() {
        String account = api.createAccount("acme", 20);
        String apiKey = api.createKey(account, "test");

        Response r = api.post("/v1/podcasts", body(5), key(apiKey));

        assertThat(r.status()).isEqualTo(402);
        assertThat(r.errorCode()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat((Map<String, Object>) r.error().get("details")).containsEntry("required", 54)
                .containsEntry("balance", 20);
        assertThat(r.error().get("message")).isEqualTo("Your account has 20 credits but this request requires 54 credits.");
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(20).isEqualTo(ledger.ledgerSum(UUID.fromString(account)));
        assertThat((List<?>) api.get("/v1/podcasts", key(apiKey)).data().get("podcasts")).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "{\"target_duration_minutes\":6,\"urls\":[\"https://a.example/x\"]}|TEST_TOKEN_RESTRICTED|max_duration_minutes",
            "{\"urls\":[\"https://a.example/x\",\"https://b.example/y\"]}|TEST_TOKEN_RESTRICTED|max_urls",
            "{\"urls\":[\"https://a.example/x\"],\"language\":\"fr\"}|TEST_TOKEN_RESTRICTED|languages",
            "{\"urls\":[\"https://a.example/x\"],\"custom_focus\":\"bikes\"}|TEST_TOKEN_RESTRICTED|custom_focus",
            "{\"urls\":[\"https://a.example/x\"],\"source_weights\":{\"https://a.example/x\":2}}|TEST_TOKEN_RESTRICTED|source_weights",
            "{\"urls\":[\"https://a.example/x\"],\"auto_publish\":true}|TEST_TOKEN_RESTRICTED|auto_publish",
            "{\"urls\":[\"https://a.example/x\"],\"voice_config\":{\"count\":3}}|TEST_TOKEN_RESTRICTED|max_voices",
    })
    void testKeysKeepTheSeedsRestrictions(String request, String code, String restriction) {
        String apiKey = api.createKey(api.createAccount("acme", 5000), "test");

        Response r = api.post("/v1/podcasts", request, key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(((Map<?, ?>) r.error().get("details")).get("restriction")).isEqualTo(restriction);
    }

    @ParameterizedTest(name = "{0} → {1} naming {2}")
    @CsvSource(delimiter = '|', value = {
            "{}|INVALID_REQUEST|urls",
            "{\"urls\":[]}|INVALID_REQUEST|urls",
            "{\"urls\":\"https://a.example/x\"}|INVALID_REQUEST|urls",
            "{\"urls\":[\"ftp://a.example/x\"]}|INVALID_REQUEST|urls[0]",
            "{\"urls\":[\"not a url\"]}|INVALID_REQUEST|urls[0]",
            "{\"urls\":[\"https://a.example/x\"],\"target_duration_minutes\":0}|INVALID_DURATION|target_duration_minutes",
            "{\"urls\":[\"https://a.example/x\"],\"target_duration_minutes\":121}|INVALID_DURATION|target_duration_minutes",
            "{\"urls\":[\"https://a.example/x\"],\"target_duration_minutes\":\"ten\"}|INVALID_REQUEST|target_duration_minutes",
            "{\"urls\":[\"https://a.example/x\"],\"target_duration_minutes\":1e309}|INVALID_REQUEST|target_duration_minutes",
            "{\"urls\":[\"https://a.example/x\"],\"style\":\"opera\"}|INVALID_REQUEST|style",
            "{\"urls\":[\"https://a.example/x\"],\"language\":\"english please\"}|INVALID_REQUEST|language",
            "{\"urls\":[\"https://a.example/x\"],\"language\":\"tlh\"}|INVALID_REQUEST|language",
            "{\"urls\":[\"https://a.example/x\"],\"tts_model\":\"eleven_v3\"}|INVALID_REQUEST|tts_model",
            "{\"urls\":[\"https://a.example/x\"],\"voice_config\":{\"voices\":[{\"voice\":\"nobody\"},{}]}}|INVALID_REQUEST|voice_config.voices[0].voice",
            "{\"urls\":[\"https://a.example/x\"],\"voice_config\":\"two\"}|INVALID_REQUEST|voice_config",
            "{\"urls\":[\"https://a.example/x\"],\"auto_publish\":\"yes\"}|INVALID_REQUEST|auto_publish",
            "{\"urls\":[\"https://a.example/x\"],\"target_duration\":10}|INVALID_REQUEST|target_duration",
            "{\"urls\":[\"https://a.example/x\"],\"source_weights\":{\"https://elsewhere.example/\":2}}|INVALID_REQUEST|source_weights[https://elsewhere.example/]",
    })
    void invalidRequestsNameTheFieldAndChargeNothing(String request, String code, String field) {
        String account = api.createAccount("acme", 5000);
        String apiKey = api.createKey(account, "prod");

        Response r = api.post("/v1/podcasts", request, key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(((Map<?, ?>) r.error().get("details")).get("field")).isEqualTo(field);
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(5000);
    }

    @Test
    void unknownChoicesListWhatIsAvailable() {
        String apiKey = api.createKey(api.createAccount("acme", 5000), "prod");

        Response r = api.post("/v1/podcasts", "{\"urls\":[\"https://a.example/x\"],\"tts_model\":\"nope\"}", key(apiKey));

        assertThat((List<String>) ((Map<?, ?>) r.error().get("details")).get("available")).contains("freetts");
        assertThat((String) r.error().get("message")).contains("freetts");
    }

    @Test
    void anotherAccountsPodcastIsIndistinguishableFromAnUnknownOne() {
        String alice = api.createKey(api.createAccount("alice", 500), "test");
        String bob = api.createKey(api.createAccount("bob", 500), "test");
        String podcastId = (String) api.post("/v1/podcasts", body(1), key(alice)).data().get("podcast_id");

        for (String path : List.of("", "/status", "/download", "/transcript", "/chapters")) {
            Response theirs = api.get("/v1/podcasts/" + podcastId + path, key(bob));
            Response unknown = api.get("/v1/podcasts/" + UUID.randomUUID() + path, key(bob));
            assertThat(theirs.status()).isEqualTo(404).isEqualTo(unknown.status());
            assertThat(theirs.errorCode()).isEqualTo("PODCAST_NOT_FOUND").isEqualTo(unknown.errorCode());
        }
        assertThat(api.get("/v1/podcasts/not-a-uuid/status", key(bob)).errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        assertThat((List<?>) api.get("/v1/podcasts", key(bob)).data().get("podcasts")).isEmpty();
    }

    @Test
    void downloadingBeforeCompletionIs409WithTheCurrentStatus() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        String podcastId = (String) api.post("/v1/podcasts", body(1), key(apiKey)).data().get("podcast_id");

        Response r = api.get("/v1/podcasts/" + podcastId + "/download", key(apiKey));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("PODCAST_NOT_READY");
        assertThat(((Map<?, ?>) r.error().get("details")).get("status")).isEqualTo("requested");
    }

    @Test
    void theListIsTheCallersOwnNewestFirstAndPaginated() {
        String apiKey = api.createKey(api.createAccount("acme", 5000), "prod");
        List<Object> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(api.post("/v1/podcasts", body(i), key(apiKey)).data().get("podcast_id"));
        }

        Response first = api.get("/v1/podcasts?per_page=2", key(apiKey));
        Response second = api.get("/v1/podcasts?per_page=2&page=2", key(apiKey));

        assertThat((List<Map<String, Object>>) first.data().get("podcasts")).extracting(p -> p.get("podcast_id"))
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(first.data()).containsEntry("total", 3).containsEntry("has_more", true);
        assertThat((List<Map<String, Object>>) second.data().get("podcasts")).extracting(p -> p.get("podcast_id"))
                .containsExactly(ids.get(0));
        assertThat(api.get("/v1/podcasts?per_page=500", key(apiKey)).errorCode()).isEqualTo("INVALID_REQUEST");
    }

    // --- Idempotency-Key ---

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstAnswerWithoutASecondCharge() {
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "test");

        Response first = api.post("/v1/podcasts", body(2), "X-Api-Key", apiKey, "Idempotency-Key", "order-42");
        Response again = api.post("/v1/podcasts", body(2), "X-Api-Key", apiKey, "Idempotency-Key", "order-42");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(500 - 54);
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIs422() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        api.post("/v1/podcasts", body(2), "X-Api-Key", apiKey, "Idempotency-Key", "order-43");

        Response r = api.post("/v1/podcasts", body(3), "X-Api-Key", apiKey, "Idempotency-Key", "order-43");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void idempotencyKeysAreScopedPerAccount() {
        String alice = api.createKey(api.createAccount("alice", 500), "test");
        String bob = api.createKey(api.createAccount("bob", 500), "test");

        Response a = api.post("/v1/podcasts", body(2), "X-Api-Key", alice, "Idempotency-Key", "same");
        Response b = api.post("/v1/podcasts", body(2), "X-Api-Key", bob, "Idempotency-Key", "same");

        assertThat(a.status()).isEqualTo(202);
        assertThat(b.status()).isEqualTo(202);
        assertThat(b.data().get("podcast_id")).isNotEqualTo(a.data().get("podcast_id"));
    }

    @Test
    void aFailedAttemptDoesNotUseUpTheIdempotencyKey() {
        String account = api.createAccount("acme", 10);
        String apiKey = api.createKey(account, "test");
        Response poor = api.post("/v1/podcasts", body(2), "X-Api-Key", apiKey, "Idempotency-Key", "retry-me");
        api.post("/admin/v1/accounts/" + account + "/credits", "{\"amount\":100}", api.admin());

        Response retried = api.post("/v1/podcasts", body(2), "X-Api-Key", apiKey, "Idempotency-Key", "retry-me");

        assertThat(poor.status()).isEqualTo(402);
        assertThat(retried.status()).isEqualTo(202);
    }

    @Test
    void concurrentRetriesUnderOneIdempotencyKeyChargeExactlyOnce() throws Exception {
        String account = api.createAccount("acme", 5000);
        String apiKey = api.createKey(account, "prod");
        List<Response> responses = concurrently(40, i -> api.post("/v1/podcasts", body(3),
                "X-Api-Key", apiKey, "Idempotency-Key", "burst-1"));

        long accepted = responses.stream().filter(r -> r.status() == 202).count();
        assertThat(responses).extracting(Response::status).allMatch(s -> s == 202 || s == 409);
        assertThat(responses.stream().filter(r -> r.status() == 202).map(r -> r.data().get("podcast_id")).distinct())
                .hasSize(1);
        assertThat(accepted).isGreaterThanOrEqualTo(1);
        assertThat(ledger.balance(UUID.fromString(account))).isEqualTo(5000 - 90); // ceil(30 × 1.2) × 2.5
    }

    // --- exact money under load ---

    @Test
    void twoHundredConcurrentRequestsAcceptExactlyWhatTheBalanceCovers() throws Exception {
        int cost = 90; // 3 minutes, 1 source, 2 voices, prod: ceil(30 × 1.2) = 36 × 2.5 = 90
        int affordable = 37;
        String account = api.createAccount("acme", (long) cost * affordable + cost - 1);
        String apiKey = api.createKey(account, "prod");

        List<Response> responses = concurrently(200, i -> api.post("/v1/podcasts", body(3), key(apiKey)));

        assertThat(responses).extracting(Response::status).containsOnly(202, 402);
        assertThat(responses.stream().filter(r -> r.status() == 202)).hasSize(affordable);
        UUID id = UUID.fromString(account);
        assertThat(ledger.balance(id)).isEqualTo(cost - 1).isEqualTo(ledger.ledgerSum(id));
        assertThat(api.get("/v1/podcasts?per_page=100", key(apiKey)).data().get("total")).isEqualTo(affordable);
    }

    // --- a fuzz of malformed bodies: never a 5xx ---

    @Test
    void hundredsOfRandomAndMutatedBodiesNeverCauseA5xx() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");
        Random random = new Random(20261123);
        String valid = "{\"urls\":[\"https://a.example/x\"],\"language\":\"en-US\",\"target_duration_minutes\":10,"
                + "\"style\":\"conversational\",\"voice_config\":{\"voices\":[{\"speaker\":\"A\"},{\"speaker\":\"B\"}]},"
                + "\"custom_focus\":\"x\",\"source_weights\":{\"https://a.example/x\":1.5},\"auto_publish\":false}";
        String[] fragments = {"null", "true", "-1", "1e309", "\"\"", "[]", "{}", "\"\\u0000\"", "0.5", "[null]",
                "{\"a\":{\"b\":[1,{}]}}", "\"" + "x".repeat(5000) + "\"", "9999999999999999999999"};
        for (int i = 0; i < 400; i++) {
            String body = switch (i % 4) {
                case 0 -> mutateCharacters(valid, random);
                case 1 -> replaceAValue(valid, fragments[random.nextInt(fragments.length)], random);
                case 2 -> randomBytes(random);
                default -> valid.substring(0, random.nextInt(valid.length()));
            };
            Response r = api.post("/v1/podcasts", body, key(apiKey));
            assertThat(r.status()).as("body %s → %s", body, r.raw()).isLessThan(500);
            assertThat(r.body()).as(r.raw()).isNotNull().containsKey("success");
        }
    }

    private static String mutateCharacters(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            b.setCharAt(random.nextInt(b.length()), (char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }

    private static String replaceAValue(String s, String value, Random random) {
        String[] fields = {"urls", "language", "target_duration_minutes", "style", "voice_config", "custom_focus",
                "source_weights", "auto_publish"};
        String field = fields[random.nextInt(fields.length)];
        return s.replaceFirst("\"" + field + "\":(\\[[^]]*]|\\{[^}]*}}?|\"[^\"]*\"|[^,}]+)", "\"" + field + "\":"
                + java.util.regex.Matcher.quoteReplacement(value));
    }

    private static String randomBytes(Random random) {
        char[] c = new char[random.nextInt(200)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) random.nextInt(0x3000);
        }
        return new String(c);
    }

    interface Call {
        Response call(int i) throws Exception;
    }

    private static List<Response> concurrently(int n, Call call) throws Exception {
        List<Response> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64))) {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Response>) () -> call.call(index)));
            }
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
        }
        return out;
    }
}
