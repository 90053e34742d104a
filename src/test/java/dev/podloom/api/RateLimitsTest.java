package dev.podloom.api;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's limits as shipped in pricing-rules.yaml, seen by a client. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("podloom.jobs.enabled", "false");
        // Room for three podcasts at once on a test key, so the generation rate shows on its own.
        p.put("podloom.pricing-rules", TestRules.withChanges(Map.of("concurrent_generations: 1",
                "concurrent_generations: 3")));
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @Test
    void theEleventhRequestInAMinuteOnATestKeyIs429WithACorrectRetryAfter() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "test");
        List<Response> responses = new ArrayList<>();
        int secondOfMinute = LocalTime.now().getSecond();
        for (int i = 0; i < 11; i++) {
            responses.add(api.get("/v1/account/credits", key(apiKey)));
        }

        assertThat(responses.subList(0, 10)).extracting(Response::status).containsOnly(200);
        Response limited = responses.get(10);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        // Windows are aligned to the minute: the wait is what is left of this one.
        assertThat(retryAfter).isBetween(1L, 60L - secondOfMinute + 1L);
        assertThat(limited.header("RateLimit-Policy")).contains("q=10").contains("w=60").contains("q=60");
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");

        Response r = api.get("/v1/account/credits", key(apiKey));

        assertThat(r.header("RateLimit-Policy")).contains("q=30").contains("q=300");
        assertThat(r.header("RateLimit")).contains("r=29");
    }

    @Test
    void aTestKeyMayStartTwoGenerationsAMinuteAndRefusedOnesDoNotCount() {
        String account = api.createAccount("acme", 0);
        String apiKey = api.createKey(account, "test");
        String body = "{\"urls\":[\"https://example.com/a\"],\"target_duration_minutes\":1}";

        // Refused for lack of credits: these use up no generations.
        assertThat(api.post("/v1/podcasts", body, key(apiKey)).status()).isEqualTo(402);
        assertThat(api.post("/v1/podcasts", body, key(apiKey)).status()).isEqualTo(402);
        api.post("/admin/v1/accounts/" + account + "/credits", "{\"amount\":1000}", api.admin());
        List<Response> accepted = List.of(api.post("/v1/podcasts", body, key(apiKey)),
                api.post("/v1/podcasts", body, key(apiKey)));
        Response third = api.post("/v1/podcasts", body, key(apiKey));

        assertThat(accepted).extracting(Response::status).containsOnly(202);
        assertThat(third.status()).isEqualTo(429);
        assertThat(((Map<?, ?>) third.error().get("details")).get("policy")).isEqualTo("generations-per-minute");
        assertThat(third.header("Retry-After")).isNotBlank();
    }
}
