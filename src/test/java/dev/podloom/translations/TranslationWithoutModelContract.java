package dev.podloom.translations;

import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** On a server without a language model, a translation is refused with 409 before anything is charged. */
abstract class TranslationWithoutModelContract {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTranslationIsRefusedWithTheVariablesToSetAndNothingIsCharged() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");
        Response created = api.post("/v1/podcasts", "{\"text_content\":\"" + TranslationContract.ARTICLE + "\","
                + "\"target_duration_minutes\":1,\"style\":\"lecture\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String original = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(original, apiKey)).containsEntry("status", "completed");
        Object balance = api.get("/v1/account/credits", key(apiKey)).data().get("credits");

        Response r = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"fr\"}", "X-Api-Key", apiKey,
                "Idempotency-Key", "no-model-1");

        assertThat(r.status()).as(r.raw()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("LLM_NOT_CONFIGURED");
        assertThat((List<String>) ((Map<String, Object>) r.error().get("details")).get("variables"))
                .contains("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", balance);
        assertThat((List<?>) api.get("/v1/podcasts", key(apiKey)).data().get("podcasts")).hasSize(1);
        assertThat((List<?>) api.get("/v1/podcasts/" + original, key(apiKey)).data().get("translations")).isEmpty();
    }
}
