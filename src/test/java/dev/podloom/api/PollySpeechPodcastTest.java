package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakePollyServer;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
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
 * The whole pipeline through {@code POST /v1/podcasts} with the polly engine pointed at a fake Amazon Polly endpoint
 * (real speech in its answers), credentials from the AWS SDK's default chain (system properties here): loudness and
 * length, request sizes, throttling in the middle of a podcast, a pronunciation lexicon reaching Polly as SSML.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTool("ffmpeg")
class PollySpeechPodcastTest implements TestPropertyProvider {

    static final String ACCESS_KEY = "AKIDPODLOOMPODCAST";

    final FakePollyServer polly = new FakePollyServer();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "podloom-podcast-secret");
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.speech.polly.enabled", "true");
        p.put("podloom.speech.polly.region", "us-east-1");
        p.put("podloom.speech.polly.endpoint", polly.endpoint());
        // Tests here speak the same turns again: the synthesis cache would answer them without a provider call
        // (RevisionsContract tests the cache); these tests are about Polly's answers.
        p.put("podloom.speech.cache.max-bytes", "0");
        p.put("podloom.pricing-rules", TestRules.withChanges(Map.of(
                "requests_per_minute: 10", "requests_per_minute: 100000",
                "requests_per_hour: 60", "requests_per_hour: 1000000",
                "requests_per_minute: 30", "requests_per_minute: 100000",
                "requests_per_hour: 300", "requests_per_hour: 1000000")));
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @AfterAll
    void stop() {
        polly.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void pollyVoicesAreListedWithLanguageAndGenderAndPollyIsTheDefaultEngine() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");

        Response voices = api.get("/v1/voices?language=en", key(apiKey));

        assertThat(voices.status()).as(voices.raw()).isEqualTo(200);
        assertThat(voices.raw()).contains("polly-Joanna", "polly-Matthew").doesNotContain("polly-Brian");
        assertThat(voices.raw()).containsPattern("\"id\":\"polly-Joanna\"[^}]*\"gender\":\"female\"");

        Response estimate = api.get("/v1/estimate-cost?duration_minutes=1&voice_count=2&tts_model=polly", key(apiKey));
        assertThat(estimate.status()).as(estimate.raw()).isEqualTo(200);
    }

    @Test
    void credentialsPollyRefusesFailThePodcastWithTtsUnauthorizedARefundAndNoProviderText() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        polly.reset();
        MockResponse refused = FakePollyServer.error(403, "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        polly.failNext(0, refused, refused, refused, refused);

        Response created = api.post("/v1/podcasts", "{\"dialogue\":[[\"Alex\",\"A short hello from the first host.\"],"
                + "[\"Sam\",\"And a short hello from the second host.\"]],\"title\":\"Refused\","
                + "\"voice_config\":{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"polly-Joanna\"},"
                + "{\"speaker\":\"Sam\",\"voice\":\"polly-Matthew\"}]}}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        Map<String, Object> status = api.awaitFinished((String) created.data().get("podcast_id"), apiKey);

        assertThat(status).containsEntry("status", "failed");
        Map<?, ?> error = (Map<?, ?>) status.get("error");
        assertThat(error.get("code")).isEqualTo("TTS_UNAUTHORIZED");
        assertThat(String.valueOf(error)).doesNotContain("security token", "UnrecognizedClient", "Exception");
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 1000);
    }

    @Test
    void aPodcastSpokenByPollyIsMasteredToMinus16LufsLastsWhatWasAskedAndNoRequestExceeds3000Characters()
            throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        polly.reset();

        String id = submit(apiKey, 1);
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        assertThat(polly.calls()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.billedCharacters()).isBetween(1, 3000))
                .allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(6000))
                .allSatisfy(c -> assertThat(c.body()).containsEntry("Engine", "neural").containsEntry("OutputFormat", "pcm")
                        .containsEntry("SampleRate", "16000").containsEntry("TextType", "ssml"))
                .allSatisfy(c -> assertThat(c.text()).startsWith("<speak>").endsWith("</speak>"))
                .allSatisfy(c -> assertThat(c.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                        .contains("/us-east-1/polly/aws4_request"));
        assertThat(polly.calls()).extracting(c -> c.body().get("VoiceId")).contains("Joanna", "Matthew");
        Response download = api.get("/v1/podcasts/" + id + "/download", key(apiKey));
        double seconds = ((Number) download.data().get("duration_seconds")).doubleValue();
        assertThat(seconds).isBetween(54.0, 66.0);
        Path mp3 = Files.createTempFile("polly-episode", ".mp3");
        Files.write(mp3, api.download((String) download.data().get("download_url")));
        assertThat(integratedLufs(mp3)).isBetween(-17.0, -15.0);
        Files.delete(mp3);

        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat(details.get("speech_engines")).isEqualTo(List.of("polly"));
        long billed = ((Number) ((Map<?, ?>) details.get("speech_characters")).get("polly")).longValue();
        assertThat(billed).isPositive().isLessThanOrEqualTo(polly.calls().stream()
                .mapToLong(FakePollyServer.SpeechCall::billedCharacters).sum());
    }

    @Test
    void throttlingInTheMiddleOfAPodcastIsRetriedAndThePodcastCompletesUnrefunded() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        polly.reset();
        polly.failNext(3, new MockResponse.Builder(FakePollyServer.error(400, "ThrottlingException", "Rate exceeded"))
                .addHeader("Retry-After", "2").build(), FakePollyServer.error(400, "ThrottlingException", "Rate exceeded"));

        String id = submit(apiKey, 1);
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "completed");
        assertThat(polly.scriptedLeft()).as("the throttling was answered").isZero();
        assertThat(((Number) status.get("credits_refunded")).intValue()).isZero();
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits"))
                .isEqualTo(1000 - ((Number) status.get("credits_charged")).intValue());
    }

    @Test
    void aLexiconEntryWithIpaIsSentToPollyAsAnSsmlPhonemeTag() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        Response put = api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"Podloom\",\"say_as\":\"pod loom\"}]}",
                "application/json", key(apiKey));
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        polly.reset();

        Response created = api.post("/v1/podcasts", "{\"dialogue\":[[\"Alex\",\"Welcome to Podloom, where Kubernetes meets SQL.\"],"
                + "[\"Sam\",\"Podloom reads the docs & the code.\"]],\"title\":\"Lexicon\","
                + "\"voice_config\":{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"Joanna\"},{\"speaker\":\"Sam\",\"voice\":\"polly-Matthew\"}]},"
                + "\"pronunciations\":[{\"term\":\"SQL\",\"ipa\":\"ˈsiːkwəl\"}]}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        assertThat(polly.calls()).extracting(FakePollyServer.SpeechCall::text).contains(
                "<speak>Welcome to <sub alias=\"pod loom\">Podloom</sub>, where Kubernetes meets "
                        + "<phoneme alphabet=\"ipa\" ph=\"ˈsiːkwəl\">SQL</phoneme>.</speak>");
        String vtt = new String(api.download((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey)).data()
                .get("download_url")), StandardCharsets.UTF_8);
        assertThat(vtt).contains("Welcome to Podloom, where Kubernetes meets SQL.");
    }

    private String submit(String apiKey, int minutes) {
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":" + minutes + ",\"voice_config\":{\"voices\":["
                + "{\"speaker\":\"Alex\",\"voice\":\"polly-Joanna\"},{\"speaker\":\"Sam\",\"voice\":\"Matthew\"}]}}", key(apiKey));
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
