package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeSpeechServer;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline through {@code POST /v1/podcasts} with the openai engine pointed at a fake OpenAI-compatible
 * speech server over HTTP (real speech in its answers): the episode's loudness and length, the requests' sizes,
 * a rate limit in the middle of a podcast, and a refused key.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTool("ffmpeg")
class OpenAiSpeechPodcastTest implements TestPropertyProvider {

    final FakeSpeechServer speech = new FakeSpeechServer();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.speech.openai.base-url", speech.baseUrl());
        p.put("podloom.speech.openai.api-key", "sk-local");
        p.put("podloom.speech.openai.model", "kokoro");
        p.put("podloom.speech.openai.max-concurrent", "4");
        // Every test here renders the same article: the synthesis cache would answer later tests' turns without a
        // provider call (RevisionsContract tests it); these tests are about the provider's answers.
        p.put("podloom.speech.cache.max-bytes", "0");
        p.put("podloom.pricing-rules", TestRules.withChanges(Map.of(
                "requests_per_minute: 10", "requests_per_minute: 100000",
                "requests_per_hour: 60", "requests_per_hour: 1000000",
                "requests_per_minute: 30", "requests_per_minute: 100000",
                "requests_per_hour: 300", "requests_per_hour: 1000000",
                "  openai:\n    multiplier: 1.0", "  openai:\n    multiplier: 1.5")));
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
    void aPodcastSpokenByTwoVoicesOfTheServerIsMasteredToMinus16LufsAndLastsWhatWasAsked() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        speech.reset();

        String id = submit(apiKey, 2);
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        assertThat(speech.calls()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.input().length()).isLessThanOrEqualTo(4096))
                .allSatisfy(c -> assertThat(c.body()).containsEntry("model", "kokoro").containsEntry("response_format", "wav"))
                .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer sk-local"));
        assertThat(speech.calls()).extracting(c -> c.body().get("voice")).contains("af_bella", "am_adam");
        Response download = api.get("/v1/podcasts/" + id + "/download", key(apiKey));
        double seconds = ((Number) download.data().get("duration_seconds")).doubleValue();
        assertThat(seconds).isBetween(108.0, 132.0);
        Path mp3 = Files.createTempFile("openai-episode", ".mp3");
        Files.write(mp3, api.download((String) download.data().get("download_url")));
        assertThat(integratedLufs(mp3)).isBetween(-17.0, -15.0);
        Files.delete(mp3);

        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat(details.get("speech_engines")).isEqualTo(List.of("openai"));
        assertThat(((Number) ((Map<?, ?>) details.get("speech_characters")).get("openai")).longValue()).isPositive();
        Map<String, Object> admin = api.get("/admin/v1/podcasts/" + id, api.admin()).data();
        assertThat(((Map<?, ?>) admin.get("speech_characters")).get("openai"))
                .isEqualTo(((Map<?, ?>) details.get("speech_characters")).get("openai"));
    }

    @Test
    void aRateLimitWithRetryAfterInTheMiddleOfAPodcastIsWaitedOutAndThePodcastCompletesUnrefunded() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        speech.reset();
        speech.failNext(3, new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .build());

        String id = submit(apiKey, 1);
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "completed");
        assertThat(speech.scriptedLeft()).as("the 429 was answered").isZero();
        assertThat(((Number) status.get("credits_refunded")).intValue()).isZero();
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits"))
                .isEqualTo(1000 - ((Number) status.get("credits_charged")).intValue());
    }

    @Test
    void aKeyTheServerRefusesFailsThePodcastWithTtsUnauthorizedAndRefundsIt() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        speech.requireKey("sk-something-else");

        String id = submit(apiKey, 1);
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "failed");
        assertThat(((Map<?, ?>) status.get("error")).get("code")).isEqualTo("TTS_UNAUTHORIZED");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 1000);
    }

    @Test
    void theProvidersModelNameAsTtsModelIsChargedWhatTheEstimateSaysWithTheEnginesMultiplier() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        int offline = credits(api.get("/v1/estimate-cost?duration_minutes=1&voice_count=2&tts_model=freetts", key(apiKey)));
        int estimate = credits(api.get("/v1/estimate-cost?duration_minutes=1&voice_count=2&tts_model=kokoro", key(apiKey)));

        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"tts_model\":\"kokoro\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        Map<String, Object> status = api.awaitFinished((String) created.data().get("podcast_id"), apiKey);

        assertThat(estimate).isGreaterThan(offline);
        assertThat(status).containsEntry("status", "completed");
        assertThat(((Number) status.get("credits_charged")).intValue()).isEqualTo(estimate);
        assertThat(api.get("/v1/estimate-cost?tts_model=tts-9", key(apiKey)).errorCode()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void podhocsDefaultTtsModelIsSpokenByAnOfflineEngineWhenGeminiIsNotConfigured() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        speech.reset();

        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"tts_model\":\"gemini-2.5-flash-tts\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        List<?> engines = (List<?>) api.get("/v1/podcasts/" + id, key(apiKey)).data().get("speech_engines");
        assertThat(engines).hasSize(1).first().isIn("flite", "freetts");
        assertThat(speech.calls()).isEmpty();
    }

    private static int credits(Response estimate) {
        assertThat(estimate.status()).as(estimate.raw()).isEqualTo(200);
        return ((Number) estimate.data().get("final_credits")).intValue();
    }

    private String submit(String apiKey, int minutes) {
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":" + minutes + ",\"voice_config\":{\"voices\":["
                + "{\"speaker\":\"Alex\",\"voice\":\"af_bella\"},{\"speaker\":\"Sam\",\"voice\":\"am_adam\"}]}}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        return (String) created.data().get("podcast_id");
    }

    private static double integratedLufs(Path audio) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-i", audio.toString(), "-af", "ebur128",
                "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(out.substring(out.lastIndexOf("Summary")));
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
