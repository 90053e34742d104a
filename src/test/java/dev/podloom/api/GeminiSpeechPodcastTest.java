package dev.podloom.api;

import dev.podloom.normalize.SpeechNormalizer;
import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeGeminiServer;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline through {@code POST /v1/podcasts} with the gemini engine pointed at a fake Gemini API over
 * HTTP (real speech in its answers): two hosts spoken through multi-speaker calls, cut back into turns on the
 * pauses, mastered to −16 LUFS at the asked length with transcript cues on the speech; a rate limit in the
 * middle; Podhoc's default {@code tts_model} going to Gemini.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTool("ffmpeg")
class GeminiSpeechPodcastTest implements TestPropertyProvider {

    static final String KEY = "AIza-test-key";
    static final String MODEL = "gemini-tts-model";

    final FakeGeminiServer gemini = new FakeGeminiServer(KEY);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.speech.gemini.api-key", KEY);
        p.put("podloom.speech.gemini.base-url", gemini.baseUrl());
        p.put("podloom.speech.gemini.model", MODEL);
        // Tests here speak the same article again: the synthesis cache would answer its lines without a call
        // (RevisionsContract tests the cache); these tests are about Gemini's answers.
        p.put("podloom.speech.cache.max-bytes", "0");
        p.put("podloom.speech.gemini.requests-per-second", "0");
        p.put("podloom.speech.gemini.retries", "1");
        p.put("podloom.jobs.retry-backoff", "200ms");
        p.put("podloom.jobs.max-attempts", "2");
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
        gemini.clearScripted();
    }

    @AfterAll
    void stopGemini() {
        gemini.close();
    }

    @Test
    void twoHostsSpokenThroughMultiSpeakerCallsMakeAMinus16LufsPodcastOfTheAskedLengthWithCuesOnTheSpeech() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        gemini.reset();

        String id = submit(apiKey, "gemini");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        List<FakeGeminiServer.Call> calls = gemini.calls();
        assertThat(calls).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path()).isEqualTo("/v1beta/models/" + MODEL + ":generateContent");
            assertThat(c.apiKey()).isEqualTo(KEY);
            assertThat(c.responseModalities()).containsExactly("AUDIO");
        });
        List<FakeGeminiServer.Call> dialogues = calls.stream().filter(FakeGeminiServer.Call::multiSpeaker).toList();
        assertThat(dialogues).as("turns go in runs through multi-speaker calls").isNotEmpty()
                .allSatisfy(c -> assertThat(c.speakers()).containsExactlyInAnyOrder("Alex", "Sam"))
                .anySatisfy(c -> assertThat(c.lines().size()).isGreaterThan(2));
        assertThat(dialogues.getFirst().speechConfig().toString()).contains("voiceName=Kore").contains("voiceName=Puck");

        Response download = api.get("/v1/podcasts/" + id + "/download", key(apiKey));
        double seconds = ((Number) download.data().get("duration_seconds")).doubleValue();
        assertThat(seconds).isBetween(54.0, 66.0);
        Path mp3 = Files.createTempFile("gemini-episode", ".mp3");
        Files.write(mp3, api.download((String) download.data().get("download_url")));
        assertThat(integratedLufs(mp3)).isBetween(-17.0, -15.0);
        Files.delete(mp3);

        // Each turn of the transcript lasts what the fake really spoke for it, to within a second.
        String vtt = new String(api.download((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey))
                .data().get("download_url")), StandardCharsets.UTF_8);
        List<double[]> checked = turnsAgainstSpeech(vtt);
        assertThat(checked).as("turns matched to what the fake spoke").hasSizeGreaterThan(4);
        assertThat(checked).allSatisfy(t -> assertThat(t[0]).as("cue length vs speech").isCloseTo(t[1],
                org.assertj.core.data.Offset.offset(1.0)));

        Map<String, Object> details = api.get("/v1/podcasts/" + id, key(apiKey)).data();
        assertThat(details.get("speech_engines")).isEqualTo(List.of("gemini"));
        assertThat(((Number) ((Map<?, ?>) details.get("speech_characters")).get("gemini")).longValue()).isPositive();
    }

    @Test
    void aRateLimitWithRetryAfterInTheMiddleOfAPodcastIsWaitedOutAndThePodcastCompletesUnrefunded() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        gemini.reset();
        gemini.failNext(2, new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body("{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\"}}").build());

        String id = submit(apiKey, "gemini");
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "completed");
        assertThat(gemini.scriptedLeft()).as("the 429 was answered").isZero();
        assertThat(((Number) status.get("credits_refunded")).intValue()).isZero();
        assertThat(api.get("/v1/account/credits", key(apiKey)).data().get("credits"))
                .isEqualTo(1000 - ((Number) status.get("credits_charged")).intValue());
    }

    @Test
    void answersWithoutAudioFailThePodcastWithTtsBadAudioOnceItsAttemptsAreUsedAndRefundIt() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        MockResponse textOnly = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=UTF-8")
                .body("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Here is your audio.\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}]}").build();
        MockResponse[] answers = new MockResponse[40];
        java.util.Arrays.fill(answers, textOnly);
        gemini.reset();
        gemini.failNext(0, answers);

        String id = submit(apiKey, "gemini");
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "failed");
        assertThat(((Map<?, ?>) status.get("error")).get("code")).isEqualTo("TTS_BAD_AUDIO");
        assertThat(gemini.calls()).hasSizeGreaterThan(2);
        assertThat(api.get("/v1/account/credits", key(apiKey)).data()).containsEntry("credits", 1000);
    }

    @Test
    void podhocsDefaultTtsModelGoesToGeminiWhenItIsConfiguredAndItsVoicesAreListed() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        gemini.reset();

        String id = submit(apiKey, "gemini-2.5-flash-tts");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        assertThat(api.get("/v1/podcasts/" + id, key(apiKey)).data().get("speech_engines")).isEqualTo(List.of("gemini"));
        assertThat(gemini.calls()).isNotEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> voices = (List<Map<String, Object>>) api.get("/v1/voices?language=en", key(apiKey))
                .data().get("voices");
        assertThat(voices).anySatisfy(v -> assertThat(v).containsEntry("id", "gemini-Kore").containsEntry("engine", "gemini")
                .containsEntry("gender", "female").containsEntry("language", "en"));
        assertThat(voices).anySatisfy(v -> assertThat(v).containsEntry("id", "gemini-Puck").containsEntry("gender", "male"));
    }

    private String submit(String apiKey, String ttsModel) {
        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"tts_model\":\"" + ttsModel + "\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        return (String) created.data().get("podcast_id");
    }

    private static final Pattern CUE = Pattern.compile(
            "(\\d+):(\\d+):(\\d+)\\.(\\d+) --> (\\d+):(\\d+):(\\d+)\\.(\\d+)\\n<v ([^>]*)>(.*)");

    /**
     * {cue seconds, spoken seconds} per transcript turn the fake spoke: a turn's cues are gathered until their
     * text, normalized as the engine was sent it, is a line the fake spoke.
     */
    private List<double[]> turnsAgainstSpeech(String vtt) {
        List<double[]> out = new ArrayList<>();
        Matcher m = CUE.matcher(vtt);
        StringBuilder text = new StringBuilder();
        double start = -1;
        String speaker = null;
        while (m.find()) {
            double from = seconds(m, 1);
            double to = seconds(m, 5);
            String cue = m.group(10).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            if (!m.group(9).equals(speaker)) {
                text.setLength(0);
                speaker = m.group(9);
            }
            if (text.isEmpty()) {
                start = from;
            } else {
                text.append(' ');
            }
            text.append(cue);
            String sent = SpeechNormalizer.normalize(text.toString(), "en").replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
            Double spoken = gemini.lineSeconds(sent);
            if (spoken != null) {
                out.add(new double[] {to - start, spoken});
                text.setLength(0);
            }
        }
        return out;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
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
