package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** Without any {@code PODLOOM_LLM_*}: asking for the language model is refused before any charge. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmNotConfiguredTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ArticlePages.renderingApp(Databases.h2());
    }

    @Test
    void askingForTheLanguageModelIsAConflictNamingTheVariablesAndCostsNothing() {
        TestApi api = new TestApi(server, json);
        String account = api.createAccount("no-llm", 500);
        String apiKey = api.createKey(account, "prod");
        for (String path : List.of("/v1/podcasts", "/v1/scripts")) {
            Response r = api.post(path, "{\"text_content\":\"Bicycles were invented in the nineteenth century and "
                    + "changed how people moved around cities.\",\"script_writer\":\"llm\"}", key(apiKey));
            assertThat(r.status()).as(r.raw()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("LLM_NOT_CONFIGURED");
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) r.error().get("details");
            assertThat((List<Object>) details.get("variables")).contains("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL");
        }
        assertThat(api.get("/v1/account", key(apiKey)).data()).containsEntry("credits", 500);
        Response bad = api.post("/v1/podcasts", "{\"text_content\":\"Some text here for a podcast.\","
                + "\"script_writer\":\"gpt\"}", key(apiKey));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("script_writer");
    }
}
