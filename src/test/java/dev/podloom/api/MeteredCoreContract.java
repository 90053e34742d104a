package dev.podloom.api;

import dev.podloom.auth.ApiKeys;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.InsufficientCreditsException;
import dev.podloom.shared.TokenType;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metered core through real HTTP: envelope, auth, pricing, account, admin API and the ledger.
 * Subclasses run it on H2 and on a real PostgreSQL.
 */
abstract class MeteredCoreContract {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CreditLedger ledger;
    @Inject
    ApiKeys apiKeys;
    @Inject
    TransactionOperations<Connection> transactions;

    TestApi api;

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    private String newTestKey() {
        return api.createKey(api.createAccount("acme", 1500), "test");
    }

    // --- pricing through GET /v1/estimate-cost ---

    @ParameterizedTest(name = "{0} minutes cost {1} on a test key and {2} on a prod key")
    @CsvSource({"5, 45, 75", "10, 45, 75", "30, 113, 188", "45, 170, 283", "60, 225, 375", "90, 338, 500",
            "120, 450, 500"})
    void estimateCostReproducesTheSeedsDurationTable(int minutes, int testCredits, int prodCredits) {
        String account = api.createAccount("acme", 0);
        String query = "/v1/estimate-cost?duration_minutes=" + minutes + "&source_count=1&voice_count=1";

        Response test = api.get(query, key(api.createKey(account, "test")));
        Response prod = api.get(query, key(api.createKey(account, "prod")));

        assertThat(test.status()).isEqualTo(200);
        assertThat(test.data().get("final_credits")).isEqualTo(testCredits);
        assertThat(prod.data().get("final_credits")).isEqualTo(prodCredits);
        assertThat(prod.data().get("credit_multiplier")).isEqualTo(2.5);
    }

    @Test
    void theSeedsEstimateExampleComesBackInTheSeedsShape() {
        Response r = api.get("/v1/estimate-cost?duration_minutes=30&source_count=2&voice_count=2", key(newTestKey()));

        assertThat(r.body().get("success")).isEqualTo(true);
        assertThat(r.data()).containsEntry("base_credits", 114).containsEntry("credit_multiplier", 1.5)
                .containsEntry("final_credits", 171)
                .containsEntry("formula", "max(30, ceil(30 x 2.5)) + 20 x 1.2 = 114 x multiplier = 171");
        assertThat((Map<String, Object>) r.data().get("breakdown")).containsAllEntriesOf(Map.of(
                "base_cost", 75, "multi_source_bonus", 20, "custom_weights_bonus", 0, "voice_multiplier", 1.2,
                "subtotal_before_cap", 114, "tier_max_cost", 500))
                .containsKey("cap_applied");
        assertThat(((Map<?, ?>) r.data().get("breakdown")).get("cap_applied")).isNull();
        assertThat(((Map<?, ?>) r.body().get("meta")).get("request_id")).isEqualTo(r.header("X-Request-Id"));
    }

    @Test
    void estimateDefaultsToTenMinutesOneSourceAndTwoVoices() {
        Response r = api.get("/v1/estimate-cost", key(newTestKey()));

        assertThat(r.data().get("base_credits")).isEqualTo(36); // 30 × 1.2
        assertThat(r.data().get("final_credits")).isEqualTo(54);
    }

    @ParameterizedTest(name = "{0} → {1} naming {2}")
    @CsvSource({
            "duration_minutes=0, INVALID_DURATION, duration_minutes",
            "duration_minutes=121, INVALID_DURATION, duration_minutes",
            "duration_minutes=abc, INVALID_REQUEST, duration_minutes",
            "source_count=0, INVALID_REQUEST, source_count",
            "voice_count=two, INVALID_REQUEST, voice_count",
            "voice_count=-1, INVALID_REQUEST, voice_count",
            "has_custom_weights=maybe, INVALID_REQUEST, has_custom_weights",
            "kind=video, INVALID_REQUEST, kind",
    })
    void badEstimateParametersAreRejectedNamingTheField(String query, String code, String field) {
        Response r = api.get("/v1/estimate-cost?" + query, key(newTestKey()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(((Map<?, ?>) r.error().get("details")).get("field")).isEqualTo(field);
    }

    // --- authentication ---

    @ParameterizedTest(name = "X-Api-Key ''{0}'' is refused")
    @CsvSource(value = {"NONE", "''", "not-a-key", "phk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "phk_test_short", "phk_test_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, nullValues = "NONE")
    void missingMalformedOrUnknownKeysGet401InTheEnvelope(String presented) {
        Response r = presented == null ? api.get("/v1/account/credits")
                : api.get("/v1/account/credits", "X-Api-Key", presented);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(r.body().get("success")).isEqualTo(false);
        assertThat(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void aRevokedKeyStopsWorkingWithinFiveSeconds() throws Exception {
        String account = api.createAccount("acme", 10);
        Response created = api.post("/admin/v1/accounts/" + account + "/api-keys", "{\"type\":\"prod\"}", api.admin());
        String apiKey = (String) created.data().get("api_key");
        assertThat(api.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(200);

        Response revoked = api.send("DELETE", "/admin/v1/api-keys/" + created.data().get("key_id"), null, null,
                api.admin());
        assertThat(revoked.status()).isEqualTo(200);

        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 200;
        while (System.nanoTime() < deadline && status == 200) {
            status = api.get("/v1/account/credits", key(apiKey)).status();
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        UUID account = UUID.fromString(api.createAccount("acme", 10));
        String apiKey = apiKeys.issue(account, TokenType.TEST, Instant.now().plusMillis(800)).apiKey();
        assertThat(api.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(200);

        Thread.sleep(1000);

        assertThat(api.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(401);
    }

    // --- the caller's account ---

    @Test
    void creditsShowTheBalanceAndTierInTheSeedsShape() {
        Response r = api.get("/v1/account/credits", key(newTestKey()));

        assertThat(r.data()).containsExactlyInAnyOrderEntriesOf(Map.of("credits", 1500, "tier", "pro"));
    }

    @Test
    void accountInfoTellsTheKeyTypeAndItsLimits() {
        Response r = api.get("/v1/account", key(newTestKey()));

        assertThat(r.data()).containsEntry("name", "acme").containsEntry("credits", 1500);
        assertThat((Map<String, Object>) r.data().get("api_key")).containsEntry("type", "test")
                .containsEntry("credit_multiplier", 1.5);
        assertThat((Map<String, Object>) r.data().get("restrictions")).containsEntry("max_duration_minutes", 5)
                .containsEntry("max_urls", 1);
        assertThat((Map<String, Object>) r.data().get("rate_limits")).containsEntry("requests_per_minute", 10)
                .containsEntry("concurrent_generations", 1);
    }

    @Test
    void aKeyOnlyEverSeesItsOwnAccount() {
        String aliceKey = api.createKey(api.createAccount("alice", 100), "test");
        String bobKey = api.createKey(api.createAccount("bob", 900), "prod");

        assertThat(api.get("/v1/account", key(aliceKey)).data()).containsEntry("name", "alice").containsEntry("credits", 100);
        assertThat(api.get("/v1/account", key(bobKey)).data()).containsEntry("name", "bob").containsEntry("credits", 900);
    }

    // --- the admin API ---

    @Test
    void anOperatorCreatesAnAccountIssuesAKeyAndGrantsCredits() {
        Response account = api.post("/admin/v1/accounts", "{\"name\":\"acme\",\"tier\":\"pro\",\"credits\":1500}",
                api.admin());
        assertThat(account.status()).isEqualTo(201);
        assertThat(account.data()).containsEntry("credits", 1500).containsEntry("tier", "pro");
        String id = (String) account.data().get("account_id");

        Response keyResponse = api.post("/admin/v1/accounts/" + id + "/api-keys", "{\"type\":\"test\"}", api.admin());
        assertThat(keyResponse.status()).isEqualTo(201);
        assertThat((String) keyResponse.data().get("api_key")).matches("phk_test_[A-Za-z0-9_-]{43}");
        assertThat(keyResponse.data()).containsEntry("type", "test").containsKey("key_id");

        Response grant = api.post("/admin/v1/accounts/" + id + "/credits", "{\"amount\":100,\"reason\":\"top-up\"}",
                api.admin());
        assertThat(grant.data()).containsEntry("credits", 1600);

        Response details = api.get("/admin/v1/accounts/" + id, api.admin());
        assertThat(details.data()).containsEntry("credits", 1600).containsEntry("tier", "pro");
        List<Map<String, Object>> keys = (List<Map<String, Object>>) details.data().get("api_keys");
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k).containsKey("prefix").doesNotContainKey("api_key");
            assertThat((String) keyResponse.data().get("api_key")).startsWith((String) k.get("prefix"));
        });
        List<Map<String, Object>> entries = (List<Map<String, Object>>) details.data().get("recent_ledger_entries");
        assertThat(entries).extracting(e -> e.get("reason")).containsExactly("top-up", "opening credits");
        assertThat(details.raw()).doesNotContain((String) keyResponse.data().get("api_key"));
    }

    @Test
    void adminCallsWithoutTheRightBearerTokenAreUnauthorized() {
        Response none = api.post("/admin/v1/accounts", "{\"name\":\"x\"}");
        Response wrong = api.post("/admin/v1/accounts", "{\"name\":\"x\"}", "Authorization", "Bearer nope");

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void adminRequestsWithBadFieldsListEveryBadField() {
        Response r = api.post("/admin/v1/accounts", "{\"name\":5,\"tier\":\"gold\",\"credits\":-1,\"colour\":1}",
                api.admin());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat((Map<String, Object>) ((Map<?, ?>) r.error().get("details")).get("fields"))
                .containsOnlyKeys("name", "tier", "credits", "colour");
    }

    @Test
    void unknownAccountsAndKeysAre404WithTheirOwnCodes() {
        assertThat(api.get("/admin/v1/accounts/" + UUID.randomUUID(), api.admin()).errorCode())
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(api.get("/admin/v1/accounts/not-a-uuid", api.admin()).status()).isEqualTo(404);
        assertThat(api.send("DELETE", "/admin/v1/api-keys/" + UUID.randomUUID(), null, null, api.admin()).errorCode())
                .isEqualTo("API_KEY_NOT_FOUND");
        assertThat(api.post("/admin/v1/accounts/" + UUID.randomUUID() + "/credits", "{\"amount\":1}", api.admin())
                .status()).isEqualTo(404);
    }

    // --- the envelope for everything the framework answers ---

    @Test
    void frameworkErrorsAreAnsweredInTheEnvelopeNeverAsHtmlOrStackTraces() {
        String apiKey = newTestKey();
        List<Response> responses = List.of(
                api.get("/v1/no-such-route", key(apiKey)),
                api.get("/nowhere"),
                api.send("DELETE", "/v1/account/credits", null, null, key(apiKey)),
                api.post("/admin/v1/accounts", "{\"name\":", api.admin()),
                api.send("POST", "/admin/v1/accounts", "name=acme", "text/plain", api.admin()),
                api.post("/admin/v1/accounts", "[1,2,3]", api.admin()),
                api.post("/admin/v1/accounts", "", api.admin()),
                api.post("/admin/v1/accounts", "{\"name\":\"" + "x".repeat(2_000_000) + "\"}", api.admin()));

        assertThat(responses).extracting(Response::status).containsExactly(404, 404, 405, 400, 415, 400, 400, 413);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.body()).as(r.raw()).containsEntry("success", false);
            assertThat((String) r.error().get("code")).matches("[A-Z_]+");
            assertThat(r.header("X-Request-Id")).isEqualTo(((Map<?, ?>) r.body().get("meta")).get("request_id"));
            assertThat(r.raw()).doesNotContain("Exception", "at io.", "dev.podloom", "<html");
        });
    }

    // --- the ledger ---

    @Test
    void theBalanceAlwaysEqualsTheSumOfLedgerEntries() {
        UUID account = UUID.fromString(api.createAccount("acme", 1000));
        api.post("/admin/v1/accounts/" + account + "/credits", "{\"amount\":250}", api.admin());
        String first = "podcast:" + UUID.randomUUID();
        String second = "podcast:" + UUID.randomUUID();
        transactions.executeWrite(s -> ledger.charge(account, 300, "podcast", first, "charge:" + first));
        ledger.refundOnce(account, 300, "failed", first, "refund:" + first);
        transactions.executeWrite(s -> ledger.charge(account, 171, "podcast", second, "charge:" + second));

        assertThat(ledger.balance(account)).isEqualTo(1079).isEqualTo(ledger.ledgerSum(account));
    }

    @Test
    void aRefundIsMadeOnlyOnce() {
        UUID account = UUID.fromString(api.createAccount("acme", 100));
        String ref = "podcast:" + UUID.randomUUID();
        transactions.executeWrite(s -> ledger.charge(account, 45, "podcast", ref, "charge:" + ref));

        assertThat(ledger.refundOnce(account, 45, "failed", ref, "refund:" + ref)).contains(100L);
        assertThat(ledger.refundOnce(account, 45, "failed", ref, "refund:" + ref)).isEmpty();
        assertThat(ledger.balance(account)).isEqualTo(100).isEqualTo(ledger.ledgerSum(account));
    }

    @Test
    void concurrentChargesNeverOverdrawAnAccount() throws Exception {
        UUID account = UUID.fromString(api.createAccount("acme", 1000));
        int attempts = 60;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String ref = "podcast:" + UUID.randomUUID();
                futures.add(pool.submit(() -> {
                    try {
                        transactions.executeWrite(s -> ledger.charge(account, 45, "podcast", ref, "charge:" + ref));
                        accepted.incrementAndGet();
                    } catch (InsufficientCreditsException e) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }

        assertThat(accepted.get()).isEqualTo(22); // 1000 / 45
        assertThat(refused.get()).isEqualTo(attempts - 22);
        assertThat(ledger.balance(account)).isEqualTo(1000 - 22 * 45).isEqualTo(ledger.ledgerSum(account));
    }
}
