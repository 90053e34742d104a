package dev.podloom.topics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podloom.shows.RssFeed;
import dev.podloom.testsupport.FakeChatServer;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Podcasts and scripts from a topic alone, written by a language model (an OpenAI chat-completions fake) from its
 * own knowledge and marked unsourced; intro and outro text read by the host, from the show or the request.
 */
abstract class TopicPodcastContract {

    static final FakeChatServer MODEL = new FakeChatServer();
    static final String BIKES = "The safety bicycle with a chain drive made cycling popular with millions of people in the "
            + "last years of the nineteenth century. Pneumatic tyres arrived in 1888, when John Boyd Dunlop "
            + "fitted them to his son's tricycle, and they made the ride much smoother on rough roads. Riders in "
            + "Britain numbered more than a million by 1899. Clubs organised long rides on weekends, and "
            + "magazines printed maps of good roads for tourists on two wheels. ";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    /** The rendering app with {@link #MODEL} as its language model. */
    static Map<String, String> withModel(Map<String, String> app) {
        Map<String, String> p = new HashMap<>(app);
        p.put("podloom.llm.provider", "openai");
        p.put("podloom.llm.base-url", MODEL.baseUrl());
        p.put("podloom.llm.model", "fake-model");
        p.put("podloom.llm.api-key", "sk-test");
        p.put("podloom.llm.timeout", "20s");
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTopicOnlyPodcastIsWrittenByTheModelPricedAsOneSourceAndPublishedAsUnsourcedWithTheShowsIntro()
            throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String showId = (String) api.post("/v1/shows", "{\"title\":\"Tea talk\"}", key(apiKey)).data()
                .get("show_id");
        Response patched = api.send("PATCH", "/v1/shows/" + showId, "{\"intro_text\":\"Welcome to Tea talk, the "
                + "show about tea.\",\"outro_text\":\"That was Tea talk.\"}", "application/json", key(apiKey));
        assertThat(patched.data()).as(patched.raw()).containsEntry("intro_text",
                "Welcome to Tea talk, the show about tea.").containsEntry("outro_text", "That was Tea talk.");
        long quoted = ((Number) api.get("/v1/estimate-cost?duration_minutes=1&source_count=1&voice_count=2",
                key(apiKey)).data().get("final_credits")).longValue();

        Response created = api.post("/v1/podcasts", "{\"topic\":\"the history of green tea\","
                + "\"target_duration_minutes\":1,\"style\":\"conversational\",\"auto_publish\":true,"
                + "\"show_id\":\"" + showId + "\",\"outro_text\":\"Thanks for listening, see you next week.\"}",
                key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat(details).containsEntry("grounding", "none").containsEntry("topic", "the history of green tea")
                .containsEntry("sources", List.of()).containsEntry("credits_charged", (int) quoted);
        assertThat((Map<String, Object>) details.get("writing")).containsEntry("writer", "llm");
        Map<String, Object> script = api.get("/v1/podcasts/" + id + "/script", key(apiKey)).data();
        List<Map<String, Object>> turns = (List<Map<String, Object>>) script.get("turns");
        assertThat(turns).allSatisfy(t -> assertThat((List<?>) t.get("cites")).isEmpty());
        assertThat(turns.getFirst()).containsEntry("text", "Welcome to Tea talk, the show about tea.");
        assertThat(turns.getLast()).containsEntry("text", "Thanks for listening, see you next week.");
        assertThat(turns.getFirst().get("speaker")).isEqualTo(turns.getLast().get("speaker"));

        JsonNode outline = MODEL.requests("podcast_outline").getLast();
        assertThat(outline.path("messages").get(0).path("content").asText())
                .contains("This episode has no sources").doesNotContain("numbered source passages");
        assertThat(outline.path("messages").get(1).path("content").asText())
                .contains("topic: the history of green tea").doesNotContain("Source passages");

        String feedUrl = (String) api.get("/v1/shows/" + showId, key(apiKey)).data().get("feed_url");
        String feed = new String(api.download(feedUrl), StandardCharsets.UTF_8);
        String item = feed.substring(feed.indexOf("<item>"), feed.indexOf("</item>"));
        assertThat(item).contains("<podcast:txt purpose=\"ai-content\">" + RssFeed.UNSOURCED_NOTICE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTopicOnlyScriptCitesNothingAndSaysItIsUnsourced() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");

        Response r = api.post("/v1/scripts", "{\"topic\":\"how bicycles balance\",\"target_duration_minutes\":1,"
                + "\"intro_text\":\"Hello from the bike shed.\"}", key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data()).containsEntry("grounding", "none").containsEntry("writer", "llm");
        List<Map<String, Object>> turns = (List<Map<String, Object>>) r.data().get("turns");
        assertThat(turns).hasSizeGreaterThan(2).allSatisfy(t -> assertThat((List<?>) t.get("cites")).isEmpty());
        assertThat(turns.getFirst()).containsEntry("text", "Hello from the bike shed.");
        long charged = ((Number) ((Map<String, Object>) r.body().get("meta")).get("credits_charged")).longValue();
        assertThat(charged).isPositive();
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", (int) (500 - charged));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withSourcesATopicIsTheFocusAngleAndTheScriptIsGrounded() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");

        Response r = api.post("/v1/scripts", "{\"text_content\":\"" + BIKES + "\",\"topic\":\"tyres\","
                + "\"target_duration_minutes\":1}", key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data()).containsEntry("grounding", "sources");
        assertThat(MODEL.requests("podcast_outline").getLast().path("messages").get(1).path("content").asText())
                .contains("Focus the episode on: tyres").contains("Source passages");
        List<Map<String, Object>> turns = (List<Map<String, Object>>) r.data().get("turns");
        assertThat(turns).anySatisfy(t -> assertThat((List<?>) t.get("cites")).isNotEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExtractiveWriterAlsoOpensWithTheIntroAndClosesWithTheOutro() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");

        Response r = api.post("/v1/scripts", "{\"text_content\":\"" + BIKES + "\",\"script_writer\":\"extractive\","
                + "\"target_duration_minutes\":1,\"intro_text\":\"This is the bike hour.\","
                + "\"outro_text\":\"Ride safe.\"}", key(apiKey));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data()).containsEntry("writer", "extractive").containsEntry("grounding", "sources");
        List<List<String>> dialogue = (List<List<String>>) r.data().get("dialogue");
        assertThat(dialogue.getFirst().get(1)).isEqualTo("This is the bike hour.");
        assertThat(dialogue.getLast().get(1)).isEqualTo("Ride safe.");
        assertThat(dialogue.getFirst().getFirst()).isEqualTo(dialogue.getLast().getFirst());
    }

    @Test
    void aTopicCannotBeWrittenByTheExtractiveWriterNorCombinedWithADialogue() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");

        Response extractive = api.post("/v1/podcasts", "{\"topic\":\"tea\",\"script_writer\":\"extractive\"}",
                key(apiKey));
        Response dialogue = api.post("/v1/podcasts", "{\"topic\":\"tea\",\"dialogue\":[[\"Alex\",\"Hi.\"]]}",
                key(apiKey));

        assertThat(extractive.status()).isEqualTo(400);
        assertThat(extractive.error().get("details")).asString().contains("script_writer");
        assertThat(dialogue.status()).isEqualTo(400);
        assertThat(dialogue.error().get("details")).asString().contains("topic");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 500);
    }
}
