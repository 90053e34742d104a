package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeChatServer;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Podcasts written by a language model, through the public API, with an OpenAI-compatible fake as the model: the
 * transcript is the model's dialogue, citations resolve to the article, and provider failures either retry the
 * render or fail it with one refund.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmPodcastTest implements TestPropertyProvider {

    static final FakeChatServer MODEL = new FakeChatServer();
    static final String TEXT = "Karl Drais built his running machine in 1817 in Mannheim. Riders pushed themselves "
            + "along with their feet and reached about 15 kilometres an hour. Pedals attached to the front wheel "
            + "arrived in France in the 1860s. John Boyd Dunlop patented the pneumatic tyre in 1888 for his son's "
            + "tricycle. The safety bicycle with a chain drive made cycling popular with millions of people. "
            + "By 1899 there were more than a million cyclists in Britain alone.";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.pricing-rules", dev.podloom.testsupport.TestRules.unlimited());
        p.put("podloom.llm.provider", "openai");
        p.put("podloom.llm.base-url", MODEL.baseUrl());
        p.put("podloom.llm.model", "fake-model");
        p.put("podloom.llm.api-key", "sk-test");
        p.put("podloom.llm.timeout", "5s");
        p.put("podloom.jobs.retry-backoff", "1s");
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @AfterAll
    void stopModel() {
        MODEL.close();
    }

    @Test
    @RequiresTool("flite")
    void aPodcastIsTheModelsCitedDialogueAtTheRequestedLength() throws Exception {
        String account = api.createAccount("llm-e2e", 1000);
        String apiKey = api.createKey(account, "prod");
        int callsBefore = MODEL.calls();
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":2,\"seed\":5,\"voice_config\":{\"voices\":["
                + "{\"speaker\":\"Alex\",\"role\":\"host\"},{\"speaker\":\"Sam\",\"persona\":\"A curious engineer.\"}]}}",
                key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        @SuppressWarnings("unchecked")
        Map<String, Object> writing = (Map<String, Object>) details.get("writing");
        assertThat(writing).containsEntry("writer", "llm").containsEntry("model", "openai/fake-model");
        assertThat(((Number) writing.get("prompt_tokens")).longValue()).isPositive();
        assertThat((Double) details.get("duration_seconds")).isBetween(108.0, 132.0);

        Map<String, Object> script = api.get("/v1/podcasts/" + id + "/script", key(apiKey)).data();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> turns = (List<Map<String, Object>>) script.get("turns");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> segments = (List<Map<String, Object>>) script.get("segments");
        assertThat(MODEL.calls() - callsBefore).isLessThanOrEqualTo(segments.size() + 3);
        for (Map<String, Object> turn : turns) {
            String text = (String) turn.get("text");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cites = (List<Map<String, Object>>) turn.get("cites");
            if (text.startsWith("Right, ")) {
                assertThat(cites).isNotEmpty();
                assertThat(cites.getFirst()).containsEntry("source", ArticlePages.url("/article"));
                assertThat(ArticlePages.ARTICLE_HTML).contains(((String) cites.getFirst().get("passage"))
                        .substring(0, 20));
            } else {
                assertThat(text).isEqualTo("Let us get into it.");
                assertThat(cites).isEmpty();
            }
        }
        String vtt = new String(api.download((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey))
                .data().get("download_url")), StandardCharsets.UTF_8);
        assertThat(vtt).contains("<v Alex>Let us get into it.").contains("<v Sam>Right, ");
        String system = MODEL.requests("podcast_outline").getLast().path("messages").get(0).path("content").asText();
        assertThat(system).contains("- Alex, host").contains("- Sam: A curious engineer.");
        assertThat(MODEL.requests("podcast_outline").getLast().path("seed").asInt()).isEqualTo(5);

        Response admin = api.get("/admin/v1/accounts/" + account, api.admin());
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) admin.data().get("language_model_usage");
        assertThat(((Number) usage.get("podcasts")).intValue()).isEqualTo(1);
        assertThat(((Number) usage.get("completion_tokens")).longValue()).isPositive();
    }

    @Test
    @RequiresTool("flite")
    void aRateLimitWithRetryAfterReschedulesTheRenderWhichThenCompletes() {
        String account = api.createAccount("llm-429", 1000);
        String apiKey = api.createKey(account, "prod");
        MODEL.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}").build());
        Response created = api.post("/v1/podcasts", "{\"text_content\":\"" + TEXT
                + "\",\"target_duration_minutes\":1}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        Map<String, Object> status = api.awaitFinished(id, apiKey);
        assertThat(status).containsEntry("status", "completed");
        assertThat(((Number) status.get("credits_refunded")).longValue()).isZero();
        assertThat(MODEL.recorded()).as("the rate-limited call and the ones after it").hasSizeGreaterThan(2);
    }

    @Test
    void refusedCredentialsFailThePodcastWithItsCodeAndRefundItOnce() {
        String account = api.createAccount("llm-401", 1000);
        String apiKey = api.createKey(account, "prod");
        MODEL.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided: sk-test\",\"code\":\"invalid_api_key\"}}")
                .build());
        Response created = api.post("/v1/podcasts", "{\"text_content\":\"" + TEXT
                + "\",\"target_duration_minutes\":1}", key(apiKey));
        String id = (String) created.data().get("podcast_id");
        long charged = ((Number) created.data().get("credits_charged")).longValue();
        Map<String, Object> status = api.awaitFinished(id, apiKey);
        assertThat(status).containsEntry("status", "failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) status.get("error");
        assertThat(error).containsEntry("code", "LLM_UNAUTHORIZED");
        assertThat((String) error.get("message")).doesNotContain("sk-test").contains("refunded");
        assertThat(((Number) status.get("credits_refunded")).longValue()).isEqualTo(charged);
        Map<String, Object> accountView = api.get("/admin/v1/accounts/" + account, api.admin()).data();
        assertThat(((Number) accountView.get("credits")).longValue()).isEqualTo(1000);
    }

    @Test
    void aScriptFromTheModelListsItsTurnsWithResolvedCitations() {
        String account = api.createAccount("llm-script", 1000);
        String apiKey = api.createKey(account, "prod");
        Response script = api.post("/v1/scripts", "{\"text_content\":\"" + TEXT
                + "\",\"target_duration_minutes\":1,\"script_writer\":\"llm\"}", key(apiKey));
        assertThat(script.status()).as(script.raw()).isEqualTo(200);
        assertThat(script.data()).containsEntry("writer", "llm").containsEntry("model", "openai/fake-model");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> turns = (List<Map<String, Object>>) script.data().get("turns");
        assertThat(turns).anySatisfy(t -> assertThat((List<?>) t.get("cites")).isNotEmpty());
        assertThat(turns).allSatisfy(t -> ((List<?>) t.get("cites")).forEach(c ->
                assertThat(((Map<?, ?>) c).get("source")).isEqualTo("text_content")));
    }
}
