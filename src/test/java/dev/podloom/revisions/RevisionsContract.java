package dev.podloom.revisions;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.FakeSpeechServer;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions through the API with the openai engine pointed at a fake OpenAI-compatible speech server (real speech
 * in its answers): a revision re-speaks only the edited turn (one provider request), is charged what
 * {@code estimate-cost?kind=revision} said, holds the edit in its transcript and script, and leaves the revised
 * podcast as it was.
 */
abstract class RevisionsContract {

    static final List<List<String>> DIALOGUE = List.of(
            List.of("Alex", "Welcome to the harbour hour, where we talk about small boats."),
            List.of("Sam", "Thanks for having me, it is good to be back on the water."),
            List.of("Alex", "Today we look at how fishing towns rebuilt their piers after the winter storms."),
            List.of("Sam", "The hardest part was finding enough timber for the repairs."),
            List.of("Alex", "Volunteers carried planks by hand along the whole sea wall."),
            List.of("Sam", "That is all for today, see you next week."));

    final FakeSpeechServer speech = new FakeSpeechServer();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    Map<String, String> properties(Map<String, String> database) {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(database));
        p.put("podloom.speech.openai.base-url", speech.baseUrl());
        p.put("podloom.speech.openai.model", "kokoro");
        p.put("podloom.speech.openai.max-concurrent", "4");
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
        speech.requireKey(null);
    }

    @AfterAll
    void stopSpeech() {
        speech.close();
    }

    @Test
    void aRevisionOfOneTurnMakesOneProviderRequestIsChargedItsEstimateAndLeavesTheOriginalAsItWas() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        speech.reset();
        String original = completedPodcast(apiKey);
        // Every turn spoken at most once (turns another test's podcast already spoke come from the cache).
        assertThat(speech.calls()).hasSizeLessThanOrEqualTo(DIALOGUE.size());
        long charged = credits(api.get("/v1/podcasts/" + original + "/status", key(apiKey)).data());
        String originalVtt = vtt(original, apiKey);
        String edited = "Volunteers rolled new logs down the beach at dawn.";
        String edits = "[{\"turn\":4,\"text\":\"" + edited + "\"}]";

        Response estimate = api.get("/v1/estimate-cost?kind=revision&podcast_id=" + original + "&edits="
                + URLEncoder.encode(edits, StandardCharsets.UTF_8), key(apiKey));
        assertThat(estimate.status()).as(estimate.raw()).isEqualTo(200);
        speech.reset();
        Response created = api.post("/v1/podcasts/" + original + "/revisions", "{\"edits\":" + edits + "}", key(apiKey));

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        assertThat(created.header("Location")).endsWith("/status");
        assertThat(created.data()).containsEntry("revision_of", original).containsEntry("changed_turns", List.of(4));
        String revision = (String) created.data().get("podcast_id");
        Map<String, Object> status = api.awaitFinished(revision, apiKey);
        assertThat(status).containsEntry("status", "completed");
        assertThat(speech.calls()).as("only the edited turn reaches the provider").hasSize(1);
        assertThat(speech.calls().getFirst().input()).isEqualTo(edited);
        assertThat(speech.calls().getFirst().body()).containsEntry("voice", "af_bella");

        int estimated = ((Number) estimate.data().get("final_credits")).intValue();
        assertThat(credits(status)).isEqualTo(estimated);
        assertThat(credits(created.data())).isEqualTo(estimated);
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits"))
                .isEqualTo((int) (1000 - charged - estimated));

        String revisedVtt = vtt(revision, apiKey);
        assertThat(revisedVtt).contains(edited).doesNotContain("carried planks by hand")
                .contains("finding enough timber");
        List<?> revisedTurns = (List<?>) api.get("/v1/podcasts/" + revision + "/script", key(apiKey)).data().get("turns");
        assertThat(((Map<?, ?>) revisedTurns.get(4)).get("text")).isEqualTo(edited);
        assertThat(api.get("/v1/podcasts/" + revision, key(apiKey)).data()).containsEntry("revision_of", original);

        assertThat(vtt(original, apiKey)).isEqualTo(originalVtt).contains("carried planks by hand");
        assertThat(api.get("/v1/podcasts/" + original + "/download", key(apiKey)).status()).isEqualTo(200);
        assertThat(api.get("/v1/podcasts/" + original, key(apiKey)).data().get("revision_of")).isNull();
    }

    @Test
    void aWholeEditedDialogueReSpeaksOnlyItsNewTurnsAndTheSameIdempotencyKeyChargesOnce() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        String original = completedPodcast(apiKey);
        StringBuilder dialogue = new StringBuilder("[");
        for (int i = 0; i < DIALOGUE.size(); i++) {
            String text = i == 1 ? "Thanks, it is a pleasure to be here again." : DIALOGUE.get(i).get(1);
            dialogue.append(i == 0 ? "" : ",").append("[\"").append(DIALOGUE.get(i).get(0)).append("\",\"")
                    .append(text).append("\"]");
        }
        String body = "{\"dialogue\":" + dialogue.append("]") + "}";
        speech.reset();

        Response first = api.post("/v1/podcasts/" + original + "/revisions", body, "X-Api-Key", apiKey,
                "Idempotency-Key", "rev-1");
        Response again = api.post("/v1/podcasts/" + original + "/revisions", body, "X-Api-Key", apiKey,
                "Idempotency-Key", "rev-1");

        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().get("podcast_id")).isEqualTo(first.data().get("podcast_id"));
        assertThat(first.data()).containsEntry("changed_turns", List.of(1));
        assertThat(api.awaitFinished((String) first.data().get("podcast_id"), apiKey)).containsEntry("status", "completed");
        assertThat(speech.calls()).hasSize(1);
        assertThat(speech.calls().getFirst().body()).containsEntry("voice", "am_adam");
    }

    @Test
    void aRevisionTheProviderRefusesFailsAndIsRefundedOnceAndAFailedPodcastCannotBeRevised() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        String original = completedPodcast(apiKey);
        int before = ((Number) api.get("/v1/account/credits", key(apiKey)).data().get("credits")).intValue();
        speech.requireKey("sk-another");

        Response created = api.post("/v1/podcasts/" + original + "/revisions",
                "{\"edits\":[{\"turn\":0,\"text\":\"Welcome to the harbour hour, the show about small boats.\"}]}",
                key(apiKey));
        String revision = (String) created.data().get("podcast_id");
        Map<String, Object> status = api.awaitFinished(revision, apiKey);

        assertThat(status).containsEntry("status", "failed");
        assertThat(((Map<?, ?>) status.get("error")).get("code")).isEqualTo("TTS_UNAUTHORIZED");
        assertThat(((Number) status.get("credits_refunded")).intValue()).isEqualTo(credits(status)).isPositive();
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits")).isEqualTo(before);
        Response ofFailed = api.post("/v1/podcasts/" + revision + "/revisions",
                "{\"edits\":[{\"turn\":0,\"text\":\"Hello.\"}]}", key(apiKey));
        assertThat(ofFailed.status()).isEqualTo(409);
        assertThat(ofFailed.errorCode()).isEqualTo("PODCAST_NOT_READY");
    }

    @Test
    void badEditsAreRefusedNamingTheFieldAndOtherAccountsPodcastsAreNotFound() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        String original = completedPodcast(apiKey);
        String path = "/v1/podcasts/" + original + "/revisions";
        int before = ((Number) api.get("/v1/account/credits", key(apiKey)).data().get("credits")).intValue();

        Response outOfRange = api.post(path, "{\"edits\":[{\"turn\":6,\"text\":\"Hi.\"}]}", key(apiKey));
        Response empty = api.post(path, "{\"edits\":[{\"turn\":1,\"text\":\"  \"}]}", key(apiKey));
        Response twice = api.post(path, "{\"edits\":[{\"turn\":1,\"text\":\"A.\"},{\"turn\":1,\"text\":\"B.\"}]}", key(apiKey));
        Response unchanged = api.post(path, "{\"edits\":[{\"turn\":5,\"text\":\"" + DIALOGUE.get(5).get(1) + "\"}]}",
                key(apiKey));
        Response neither = api.post(path, "{}", key(apiKey));
        Response both = api.post(path, "{\"edits\":[{\"turn\":1,\"text\":\"A.\"}],\"dialogue\":[[\"Alex\",\"Hi.\"]]}",
                key(apiKey));
        Response stranger = api.post(path, "{\"dialogue\":[[\"Alex\",\"Hi.\"],[\"Morgan\",\"Who am I?\"]]}", key(apiKey));
        Response estimate = api.get("/v1/estimate-cost?kind=revision&podcast_id=" + original + "&edits="
                + URLEncoder.encode("[{\"turn\":-1,\"text\":\"x\"}]", StandardCharsets.UTF_8), key(apiKey));
        String otherKey = api.createKey(api.createAccount("other", 1000), "prod");
        Response foreign = api.post(path, "{\"edits\":[{\"turn\":1,\"text\":\"Mine now.\"}]}", key(otherKey));
        Response unknown = api.post("/v1/podcasts/not-a-podcast/revisions", "{\"edits\":[]}", key(apiKey));

        assertThat(List.of(outOfRange, empty, twice, unchanged, neither, both, stranger, estimate))
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.raw()).isEqualTo(400);
                    assertThat(r.errorCode()).isEqualTo("INVALID_REQUEST");
                });
        assertThat(outOfRange.raw()).contains("edits[0].turn");
        assertThat(empty.raw()).contains("edits[0].text");
        assertThat(twice.raw()).contains("edits[1].turn");
        assertThat(stranger.raw()).contains("dialogue[1]").contains("Morgan");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        assertThat(unknown.errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits")).isEqualTo(before);
    }

    private String completedPodcast(String apiKey) {
        StringBuilder dialogue = new StringBuilder("[");
        for (int i = 0; i < DIALOGUE.size(); i++) {
            dialogue.append(i == 0 ? "" : ",").append("[\"").append(DIALOGUE.get(i).get(0)).append("\",\"")
                    .append(DIALOGUE.get(i).get(1)).append("\"]");
        }
        Response created = api.post("/v1/podcasts", "{\"dialogue\":" + dialogue.append("]") + ",\"title\":\"Harbour hour\","
                + "\"voice_config\":{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"af_bella\"},"
                + "{\"speaker\":\"Sam\",\"voice\":\"am_adam\"}]}}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        return id;
    }

    private String vtt(String podcast, String apiKey) {
        Response link = api.get("/v1/podcasts/" + podcast + "/transcript", key(apiKey));
        assertThat(link.status()).as(link.raw()).isEqualTo(200);
        return new String(api.download((String) link.data().get("download_url")), StandardCharsets.UTF_8);
    }

    private static int credits(Map<String, Object> data) {
        return ((Number) data.get("credits_charged")).intValue();
    }
}
