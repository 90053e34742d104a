package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.FakeSpeechServer;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pronunciation lexicons through the API: an account's entries (GET/PUT /v1/account/lexicon) and a request's
 * {@code pronunciations} change what the speech server is sent; the transcript keeps the written words.
 */
abstract class LexiconApiContract {

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
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @AfterAll
    void stopSpeech() {
        speech.close();
    }

    @Test
    void anAccountsLexiconIsReplacedWholeAndVersioned() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");
        assertThat(api.get("/v1/account/lexicon", key(apiKey)).data()).containsEntry("count", 0).containsEntry("version", 0);

        Response first = api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"Podloom\",\"say_as\":\"pod loom\"},"
                + "{\"term\":\"SQL\",\"ipa\":\"ˈsiːkwəl\"}]}", "application/json", key(apiKey));
        Response second = api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"Nginx\",\"say_as\":\"engine x\"}]}",
                "application/json", key(apiKey));

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.data()).containsEntry("count", 2).containsEntry("version", 1);
        assertThat(second.data()).containsEntry("count", 1).containsEntry("version", 2);
        Map<String, Object> now = api.get("/v1/account/lexicon", key(apiKey)).data();
        assertThat((List<?>) now.get("entries")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) now.get("entries")).getFirst()).get("say_as")).isEqualTo("engine x");
    }

    @Test
    void anEntryWithBothOrNeitherPronunciationOrWithMarkupIsRefusedNamingIt() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");

        Response both = api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"A\",\"say_as\":\"ay\",\"ipa\":\"eɪ\"}]}",
                "application/json", key(apiKey));
        Response markup = api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"B\",\"ipa\":\"]] <break/>\"}]}",
                "application/json", key(apiKey));

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(both.raw()).contains("entries[0]");
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.raw()).contains("entries[0].ipa");
        assertThat(api.get("/v1/account/lexicon", key(apiKey)).data()).containsEntry("count", 0);
    }

    @Test
    void theAccountsLexiconAndTheRequestsPronunciationsChangeWhatTheSpeechServerIsSent() {
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        api.send("PUT", "/v1/account/lexicon", "{\"entries\":[{\"term\":\"Podloom\",\"say_as\":\"pod loom\"},"
                + "{\"term\":\"Kubernetes\",\"say_as\":\"koo ber net eez\"}]}", "application/json", key(apiKey));
        speech.reset();

        Response created = api.post("/v1/podcasts", "{\"dialogue\":[[\"Alex\",\"Welcome to Podloom, where Kubernetes meets SQL.\"],"
                + "[\"Sam\",\"Podloom reads the docs so you do not have to.\"]],\"title\":\"Lexicon\","
                + "\"voice_config\":{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"af_bella\"},{\"speaker\":\"Sam\",\"voice\":\"am_adam\"}]},"
                + "\"pronunciations\":[{\"term\":\"SQL\",\"ipa\":\"ˈsiːkwəl\"},{\"term\":\"kubernetes\",\"say_as\":\"kube\"}]}",
                key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");

        assertThat(speech.calls()).extracting(FakeSpeechServer.SpeechCall::input).containsExactlyInAnyOrder(
                "Welcome to pod loom, where kube meets seekwuhl.", "pod loom reads the docs so you do not have to.");
        String vtt = new String(api.download((String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey)).data()
                .get("download_url")), StandardCharsets.UTF_8);
        assertThat(vtt).contains("Welcome to Podloom, where Kubernetes meets SQL.");
        Map<?, ?> characters = (Map<?, ?>) api.get("/v1/podcasts/" + id, key(apiKey)).data().get("speech_characters");
        assertThat(((Number) characters.get("openai")).intValue()).isEqualTo(
                "Welcome to pod loom, where kube meets seekwuhl.".length() + "pod loom reads the docs so you do not have to.".length());
    }
}
