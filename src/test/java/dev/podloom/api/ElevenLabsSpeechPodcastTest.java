package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeElevenLabsServer;
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
 * A podcast through {@code POST /v1/podcasts} spoken by the elevenlabs engine against a fake ElevenLabs API:
 * the turns go through text-to-dialogue in requests of at most 2,000 characters, the episode lasts what was
 * asked, and the characters recorded for the podcast are what ElevenLabs billed ({@code character-cost}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElevenLabsSpeechPodcastTest implements TestPropertyProvider {

    static final String KEY = "xi-podcast-key";

    final FakeElevenLabsServer elevenLabs = new FakeElevenLabsServer(KEY);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.speech.elevenlabs.api-key", KEY);
        p.put("podloom.speech.elevenlabs.base-url", elevenLabs.baseUrl());
        p.put("podloom.speech.elevenlabs.requests-per-second", "0");
        p.put("podloom.pricing-rules", TestRules.withChanges(Map.of(
                "requests_per_minute: 10", "requests_per_minute: 100000",
                "requests_per_hour: 60", "requests_per_hour: 1000000",
                "requests_per_minute: 30", "requests_per_minute: 100000",
                "requests_per_hour: 300", "requests_per_hour: 1000000")));
        return p;
    }

    @AfterAll
    void stopElevenLabs() {
        elevenLabs.close();
    }

    @Test
    void twoVoicesSpeakThroughTextToDialogueAndThePodcastRecordsTheCharactersElevenLabsBilled() {
        TestApi api = new TestApi(server, json);
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");

        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"tts_model\":\"elevenlabs\",\"voice_config\":{\"voices\":["
                + "{\"speaker\":\"Alex\",\"voice\":\"" + FakeElevenLabsServer.RACHEL + "\"},"
                + "{\"speaker\":\"Sam\",\"voice\":\"" + FakeElevenLabsServer.ADAM + "\"}]}}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        List<FakeElevenLabsServer.Call> dialogues = elevenLabs.calls().stream()
                .filter(c -> c.path().equals("/v1/text-to-dialogue/with-timestamps")).toList();
        assertThat(dialogues).isNotEmpty().allSatisfy(c -> {
            assertThat(c.key()).isEqualTo(KEY);
            assertThat(c.query()).isEqualTo("output_format=pcm_24000");
            assertThat(c.body()).containsEntry("model_id", "eleven_v3");
            assertThat(characters(c)).isLessThanOrEqualTo(2_000);
        });
        assertThat(dialogues).anySatisfy(c -> assertThat(voiceIds(c)).contains(FakeElevenLabsServer.RACHEL, FakeElevenLabsServer.ADAM));

        double seconds = ((Number) api.get("/v1/podcasts/" + id + "/download", key(apiKey)).data()
                .get("duration_seconds")).doubleValue();
        assertThat(seconds).isBetween(54.0, 66.0);
        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat(details.get("speech_engines")).isEqualTo(List.of("elevenlabs"));
        long billed = dialogues.stream().mapToLong(c -> 2L * characters(c)).sum();
        assertThat(((Number) ((Map<?, ?>) details.get("speech_characters")).get("elevenlabs")).longValue())
                .as("the character-cost of the dialogue answers").isEqualTo(billed);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inputs(FakeElevenLabsServer.Call call) {
        return (List<Map<String, Object>>) call.body().get("inputs");
    }

    private static int characters(FakeElevenLabsServer.Call call) {
        return inputs(call).stream().mapToInt(i -> ((String) i.get("text")).length()).sum();
    }

    private static List<Object> voiceIds(FakeElevenLabsServer.Call call) {
        return inputs(call).stream().map(i -> i.get("voice_id")).toList();
    }
}
