package dev.podloom.translations;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeSpeechServer;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A translation spoken by a configured speech provider ({@code tts_model: "openai"}, an OpenAI-compatible fake that
 * lists a Kokoro French voice): the French voice speaks the translated turns, and the engine's price multiplier is in
 * both the estimate and the charge.
 */
@MicronautTest(transactional = false)
@RequiresTool({"espeak-ng", "flite"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslationWithSpeechProviderTest implements TestPropertyProvider {

    final FakeSpeechServer speech = new FakeSpeechServer().voices(List.of("af_bella", "am_adam", "ff_siwis"), true);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TranslationContract.withModel(ArticlePages.renderingApp(Databases.h2())));
        p.put("podloom.speech.openai.base-url", speech.baseUrl());
        p.put("podloom.speech.openai.api-key", "sk-local");
        p.put("podloom.speech.openai.model", "kokoro");
        p.put("podloom.pricing-rules", TestRules.withChanges(Map.of(
                "requests_per_minute: 10", "requests_per_minute: 100000",
                "requests_per_hour: 60", "requests_per_hour: 1000000",
                "requests_per_minute: 30", "requests_per_minute: 100000",
                "requests_per_hour: 300", "requests_per_hour: 1000000",
                "  openai:\n    multiplier: 1.0", "  openai:\n    multiplier: 1.5")));
        return p;
    }

    @AfterAll
    void stopSpeech() {
        speech.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTranslationWithTtsModelIsSpokenByThatEnginesVoiceOfTheLanguageAndPricedWithItsMultiplier() {
        TestApi api = new TestApi(server, json);
        String apiKey = api.createKey(api.createAccount("acme", 5000), "prod");
        Response created = api.post("/v1/podcasts", "{\"text_content\":\"" + TranslationContract.ARTICLE + "\","
                + "\"target_duration_minutes\":1,\"style\":\"lecture\",\"tts_model\":\"flite\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String original = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(original, apiKey)).containsEntry("status", "completed");
        Map<String, Object> offline = api.get("/v1/estimate-cost?kind=translation&language=fr&tts_model=espeak-ng"
                + "&podcast_id=" + original, key(apiKey)).data();
        Map<String, Object> quoted = api.get("/v1/estimate-cost?kind=translation&language=fr&tts_model=openai"
                + "&podcast_id=" + original, key(apiKey)).data();
        assertThat(((Map<String, Object>) quoted.get("breakdown")).get("engine_multiplier")).isEqualTo(1.5);
        assertThat(((Number) quoted.get("final_credits")).longValue())
                .isGreaterThan(((Number) offline.get("final_credits")).longValue());
        speech.reset();

        Response translation = api.post("/v1/podcasts/" + original + "/translations",
                "{\"language\":\"fr\",\"tts_model\":\"openai\"}", key(apiKey));

        assertThat(translation.status()).as(translation.raw()).isEqualTo(202);
        assertThat(translation.data()).containsEntry("credits_charged", quoted.get("final_credits"));
        String id = (String) translation.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat((List<String>) details.get("speech_engines")).containsExactly("openai");
        assertThat((List<Map<String, Object>>) details.get("voices"))
                .allSatisfy(v -> assertThat(v.get("voice")).isEqualTo("openai-ff_siwis"));
        assertThat(speech.calls()).isNotEmpty().allSatisfy(call -> assertThat(call.body()).containsEntry("voice",
                "ff_siwis"));
        assertThat(speech.calls()).anySatisfy(call -> assertThat(call.input()).contains("En français"));
    }
}
