package dev.podloom.topics;

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

/** On a server without a language model, what needs one is refused with 409 before anything is charged. */
abstract class WithoutModelContract {

    static final List<String> VARIABLES = List.of("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL",
            "PODLOOM_LLM_BASE_URL", "PODLOOM_LLM_API_KEY");

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
    void aTopicOnlyPodcastIsRefusedWithTheVariablesToSetAndNothingIsCharged() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");

        Response r = api.post("/v1/podcasts", "{\"topic\":\"the history of green tea\","
                + "\"target_duration_minutes\":1}", key(apiKey));

        assertRefused(r, "topic");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 500);
        assertThat(api.get("/v1/podcasts", key(apiKey)).raw()).doesNotContain("green tea");
    }

    @Test
    void aTopicOnlyScriptIsRefusedWithTheVariablesToSetAndNothingIsCharged() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");

        Response r = api.post("/v1/scripts", "{\"topic\":\"how bicycles balance\"}", key(apiKey));

        assertRefused(r, "topic");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 500);
    }

    @Test
    void aSeriesIsRefusedWithTheVariablesToSetAndNothingIsCharged() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");
        String showId = (String) api.post("/v1/shows", "{\"title\":\"Tea talk\"}", key(apiKey)).data()
                .get("show_id");

        Response r = api.post("/v1/shows/" + showId + "/series", "{\"prompt\":\"the history of tea\","
                + "\"episodes\":3,\"episode_minutes\":1}", key(apiKey));

        assertRefused(r, "prompt");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 500);
        assertThat(api.get("/v1/shows/" + showId + "/series", key(apiKey)).raw()).doesNotContain("history of tea");
    }

    @SuppressWarnings("unchecked")
    private static void assertRefused(Response r, String field) {
        assertThat(r.status()).as(r.raw()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("LLM_NOT_CONFIGURED");
        Map<String, Object> details = (Map<String, Object>) r.error().get("details");
        assertThat(details).containsEntry("field", field).containsEntry("variables", VARIABLES);
        assertThat((List<String>) details.get("missing")).contains("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL");
        assertThat((String) r.error().get("message")).contains("PODLOOM_LLM_PROVIDER");
    }
}
