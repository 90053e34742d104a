package dev.podloom.revisions;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.FakeGeminiServer;
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
 * A revision of a podcast spoken by a whole-dialogue engine (Gemini multi-speaker, against its fake): the lines cut
 * from the original's dialogue calls are in the synthesis cache, so the revision sends the engine the edited line
 * alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialogueEngineRevisionTest implements TestPropertyProvider {

    final FakeGeminiServer gemini = new FakeGeminiServer("AIza-test-key");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.h2()));
        p.put("podloom.speech.gemini.api-key", "AIza-test-key");
        p.put("podloom.speech.gemini.base-url", gemini.baseUrl());
        p.put("podloom.speech.gemini.model", "gemini-tts-model");
        p.put("podloom.speech.gemini.requests-per-second", "0");
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }

    @AfterAll
    void stop() {
        gemini.close();
    }

    @Test
    void aRevisionOfOneLineSendsTheDialogueEngineThatLineAlone() {
        TestApi api = new TestApi(server, json);
        String apiKey = api.createKey(api.createAccount("acme", 1000), "prod");
        StringBuilder dialogue = new StringBuilder("[");
        for (int i = 0; i < RevisionsContract.DIALOGUE.size(); i++) {
            List<String> turn = RevisionsContract.DIALOGUE.get(i);
            dialogue.append(i == 0 ? "" : ",").append("[\"").append(turn.get(0)).append("\",\"").append(turn.get(1))
                    .append("\"]");
        }
        Response created = api.post("/v1/podcasts", "{\"dialogue\":" + dialogue.append("]") + ",\"voice_config\":"
                + "{\"voices\":[{\"speaker\":\"Alex\",\"voice\":\"Kore\"},{\"speaker\":\"Sam\",\"voice\":\"Puck\"}]}}",
                key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String original = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(original, apiKey)).containsEntry("status", "completed");
        assertThat(gemini.calls()).isNotEmpty();
        gemini.reset();

        String edited = "Volunteers rolled new logs down the beach at dawn.";
        Response revision = api.post("/v1/podcasts/" + original + "/revisions",
                "{\"edits\":[{\"turn\":4,\"text\":\"" + edited + "\"}]}", key(apiKey));
        assertThat(revision.status()).as(revision.raw()).isEqualTo(202);
        assertThat(api.awaitFinished((String) revision.data().get("podcast_id"), apiKey))
                .containsEntry("status", "completed");

        assertThat(gemini.calls()).hasSize(1);
        assertThat(gemini.calls().getFirst().lines()).hasSize(1).first().asString().contains("rolled new logs");
    }
}
