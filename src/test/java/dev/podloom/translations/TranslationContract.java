package dev.podloom.translations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podloom.testsupport.FakeChatServer;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
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
 * Translations of a completed English podcast (written by an OpenAI chat-completions fake that "translates" into
 * French by prefixing each turn), spoken by espeak-ng's French voices, charged as quoted, published to a French show
 * with the two feed items linking each other; a model that keeps changing the number of turns fails the translation
 * with a typed code and one refund.
 */
@RequiresTool("espeak-ng")
abstract class TranslationContract {

    static final FakeChatServer MODEL = new FakeChatServer();
    static final String ARTICLE = "The safety bicycle with a chain drive made cycling popular with millions of people "
            + "in the last years of the nineteenth century. Pneumatic tyres arrived in 1888, when John Boyd Dunlop "
            + "fitted them to his son's tricycle, and they made the ride much smoother on rough roads. Riders in "
            + "Britain numbered more than a million by 1899.\\n\\nClubs organised long rides on weekends, and "
            + "magazines printed maps of good roads for tourists on two wheels. Women took up cycling in large "
            + "numbers, and the bicycle changed what they wore and how far they could travel alone. Factories in "
            + "Coventry and Birmingham built hundreds of thousands of machines a year.";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;
    /** One account and its completed English podcast, shared by the class's tests (one render per database). */
    String accountId;
    String apiKey;
    String original;

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
        if (original == null) {
            accountId = api.createAccount("acme", 5000);
            apiKey = api.createKey(accountId, "prod");
            Response created = api.post("/v1/podcasts", "{\"text_content\":\"" + ARTICLE + "\","
                    + "\"target_duration_minutes\":1,\"style\":\"conversational\",\"language\":\"en\"}", key(apiKey));
            assertThat(created.status()).as(created.raw()).isEqualTo(202);
            original = (String) created.data().get("podcast_id");
            assertThat(api.awaitFinished(original, apiKey)).containsEntry("status", "completed");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEnglishPodcastTranslatedIntoFrenchIsSpokenByAFrenchVoiceKeepsItsTurnsChaptersAndCitationsAndIsChargedAsQuoted()
            throws Exception {
        String englishShow = (String) api.post("/v1/shows", "{\"title\":\"Bikes\",\"language\":\"en\"}", key(apiKey))
                .data().get("show_id");
        String frenchShow = (String) api.post("/v1/shows", "{\"title\":\"Vélos\",\"language\":\"fr\"}", key(apiKey))
                .data().get("show_id");
        Response published = api.post("/v1/shows/" + englishShow + "/episodes", "{\"podcast_id\":\"" + original
                + "\"}", key(apiKey));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        String originalEpisode = (String) published.data().get("episode_id");
        long quoted = ((Number) api.get("/v1/estimate-cost?kind=translation&language=fr&podcast_id=" + original,
                key(apiKey)).data().get("final_credits")).longValue();
        long balance = credits();

        String body = "{\"language\":\"fr\",\"show_id\":\"" + frenchShow + "\"}";
        Response created = api.post("/v1/podcasts/" + original + "/translations", body,
                withIdempotencyKey("translate-fr-1"));
        Response replayed = api.post("/v1/podcasts/" + original + "/translations", body,
                withIdempotencyKey("translate-fr-1"));

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String translation = (String) created.data().get("podcast_id");
        assertThat(created.header("Location")).isEqualTo("/v1/podcasts/" + translation + "/status");
        assertThat(created.data()).containsEntry("translation_of", original).containsEntry("language", "fr")
                .containsEntry("credits_charged", (int) quoted);
        assertThat(replayed.raw()).isEqualTo(created.raw());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        Response reused = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"de\"}",
                withIdempotencyKey("translate-fr-1"));
        assertThat(reused.status()).as(reused.raw()).isEqualTo(422);
        assertThat(reused.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(credits()).isEqualTo(balance - quoted);
        assertThat(api.awaitFinished(translation, apiKey)).containsEntry("status", "completed");

        Map<String, Object> details = api.get("/v1/podcasts/" + translation, key(apiKey)).data();
        assertThat(details).containsEntry("language", "fr").containsEntry("translation_of", original)
                .containsEntry("credits_charged", (int) quoted).containsEntry("credits_refunded", 0);
        assertThat((List<String>) details.get("speech_engines")).containsExactly("espeak-ng");
        assertThat((List<Map<String, Object>>) details.get("voices")).isNotEmpty()
                .allSatisfy(v -> assertThat((String) v.get("voice")).startsWith("espeak-ng-fr"));
        assertThat((Map<String, Object>) details.get("writing")).containsEntry("writer", "llm")
                .containsEntry("model", "openai/fake-model");
        assertThat((List<Map<String, Object>>) api.get("/v1/podcasts/" + original, key(apiKey)).data()
                .get("translations")).containsExactly(Map.of("podcast_id", translation, "language", "fr",
                "status", "completed"));

        Map<String, Object> source = api.get("/v1/podcasts/" + original + "/script", key(apiKey)).data();
        Map<String, Object> french = api.get("/v1/podcasts/" + translation + "/script", key(apiKey)).data();
        List<Map<String, Object>> sourceTurns = (List<Map<String, Object>>) source.get("turns");
        List<Map<String, Object>> frenchTurns = (List<Map<String, Object>>) french.get("turns");
        assertThat(frenchTurns).hasSameSizeAs(sourceTurns);
        assertThat(sourceTurns).anySatisfy(t -> assertThat((List<?>) t.get("cites")).isNotEmpty());
        for (int i = 0; i < sourceTurns.size(); i++) {
            assertThat(frenchTurns.get(i).get("speaker")).isEqualTo(sourceTurns.get(i).get("speaker"));
            assertThat(frenchTurns.get(i).get("cites")).isEqualTo(sourceTurns.get(i).get("cites"));
            assertThat(frenchTurns.get(i).get("text")).isEqualTo("En français : " + sourceTurns.get(i).get("text"));
        }
        List<Map<String, Object>> sourceSegments = (List<Map<String, Object>>) source.get("segments");
        List<Map<String, Object>> frenchSegments = (List<Map<String, Object>>) french.get("segments");
        assertThat(frenchSegments).hasSameSizeAs(sourceSegments);
        for (int i = 0; i < sourceSegments.size(); i++) {
            assertThat(frenchSegments.get(i)).containsEntry("first_turn", sourceSegments.get(i).get("first_turn"))
                    .containsEntry("title", "Chapitre : " + sourceSegments.get(i).get("title"));
        }
        assertThat(french.get("title")).isEqualTo("Titre : " + source.get("title"));
        JsonNode asked = MODEL.requests("translated_turns").getLast();
        assertThat(asked.path("messages").get(0).path("content").asText()).contains("into French (language \"fr\")");

        // Published to the French show on completion; each feed item links the other.
        Map<String, Object> frenchEpisodes = api.get("/v1/shows/" + frenchShow + "/episodes", key(apiKey)).data();
        String frenchEpisode = (String) ((List<Map<String, Object>>) frenchEpisodes.get("episodes")).getFirst()
                .get("episode_id");
        String englishItem = item(englishShow, originalEpisode);
        String frenchItem = item(frenchShow, frenchEpisode);
        assertThat(englishItem).contains("Also in French (fr): \u201cTitre : ")
                .contains("/episodes/" + frenchEpisode + ".mp3")
                .contains("<podcast:txt purpose=\"translation\">fr podloom:episode:" + frenchEpisode + " ")
                .doesNotContain("alternateEnclosure");
        assertThat(frenchItem).contains("Translated by a language model from the English original (en)")
                .contains("/episodes/" + originalEpisode + ".mp3")
                .contains("<podcast:txt purpose=\"translation-of\">en podloom:episode:" + originalEpisode + " ")
                .doesNotContain("alternateEnclosure");
    }

    @Test
    void aModelThatKeepsChangingTheNumberOfTurnsIsAskedAgainThenTheTranslationFailsTypedWithOneRefund() {
        long balance = credits();
        int asked = MODEL.requests("translated_turns").size();
        String wrong = "{\"turns\":[{\"index\":0,\"text\":\"Bonjour\"}]}";
        for (int i = 0; i < 3; i++) {
            MODEL.enqueue(FakeChatServer.completion(wrong, 0));
        }

        Response created = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"fr\"}",
                key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String translation = (String) created.data().get("podcast_id");
        long charged = ((Number) created.data().get("credits_charged")).longValue();
        assertThat(credits()).isEqualTo(balance - charged);
        Map<String, Object> status = api.awaitFinished(translation, apiKey);

        assertThat(status).containsEntry("status", "failed").containsEntry("credits_refunded", (int) charged);
        assertThat(status.get("error")).asString().contains("LLM_TRANSLATION_MISMATCH");
        assertThat(MODEL.requests("translated_turns")).hasSize(asked + 3);
        assertThat(MODEL.requests("translated_turns").getLast().path("messages").get(1).path("content").asText())
                .contains("Your previous answer could not be used: you were given");
        assertThat(credits()).isEqualTo(balance);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLanguageNoVoiceSpeaksOrTheOriginalsOwnLanguageIsRefusedListingTheLanguagesThereAreAndChargesNothing() {
        long balance = credits();

        Response unknown = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"zz\"}",
                key(apiKey));
        Response same = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"en-GB\"}",
                key(apiKey));
        Response missing = api.post("/v1/podcasts/00000000-0000-0000-0000-000000000000/translations",
                "{\"language\":\"fr\"}", key(apiKey));
        Response wrongVoice = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"fr\","
                + "\"voice_config\":{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"flite-rms\"}]}}", key(apiKey));

        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat((Map<String, Object>) unknown.error().get("details")).containsEntry("field", "language");
        assertThat((List<String>) ((Map<String, Object>) unknown.error().get("details")).get("available"))
                .contains("fr", "de").doesNotContain("en");
        assertThat(same.status()).as(same.raw()).isEqualTo(400);
        assertThat(same.error().get("message")).asString().contains("already in en");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        assertThat(wrongVoice.status()).as(wrongVoice.raw()).isEqualTo(400);
        assertThat((List<String>) ((Map<String, Object>) wrongVoice.error().get("details")).get("available"))
                .contains("espeak-ng-fr");
        assertThat(credits()).isEqualTo(balance);
    }

    @Test
    void aPodcastStillBeingMadeOrATestKeyAskingForAnotherLanguageIsRefusedAndChargesNothing() {
        Response pending = api.post("/v1/podcasts", "{\"dialogue\":[[\"Alex\",\"Hello there, and welcome.\"],"
                + "[\"Sam\",\"Thanks, glad to be here today.\"]]}", key(apiKey));
        assertThat(pending.status()).as(pending.raw()).isEqualTo(202);
        String pendingId = (String) pending.data().get("podcast_id");
        long balance = credits();

        Response notReady = api.post("/v1/podcasts/" + pendingId + "/translations", "{\"language\":\"fr\"}",
                key(apiKey));
        Response testKey = api.post("/v1/podcasts/" + original + "/translations", "{\"language\":\"fr\"}",
                key(api.createKey(accountId, "test")));

        assertThat(notReady.status()).as(notReady.raw()).isEqualTo(409);
        assertThat(notReady.errorCode()).isEqualTo("PODCAST_NOT_READY");
        assertThat(testKey.status()).as(testKey.raw()).isEqualTo(400);
        assertThat(testKey.errorCode()).isEqualTo("TEST_TOKEN_RESTRICTED");
        assertThat(credits()).isEqualTo(balance);
        api.awaitFinished(pendingId, apiKey); // let its render end inside this test
    }

    private String[] withIdempotencyKey(String idempotencyKey) {
        return new String[]{key(apiKey)[0], key(apiKey)[1], "Idempotency-Key", idempotencyKey};
    }

    private long credits() {
        return ((Number) api.get("/v1/account/credits", key(apiKey)).data().get("credits")).longValue();
    }

    private String item(String showId, String episodeId) throws Exception {
        String feedUrl = (String) api.get("/v1/shows/" + showId, key(apiKey)).data().get("feed_url");
        String feed = new String(api.download(feedUrl), StandardCharsets.UTF_8);
        int guid = feed.indexOf("podloom:episode:" + episodeId + "</guid>");
        assertThat(guid).as(feed).isPositive();
        return feed.substring(feed.lastIndexOf("<item>", guid), feed.indexOf("</item>", guid));
    }
}
