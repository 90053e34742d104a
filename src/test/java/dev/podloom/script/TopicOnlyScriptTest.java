package dev.podloom.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmSettings;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;
import dev.podloom.testsupport.FakeChatServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicOnlyScriptTest {

    final FakeChatServer fake = new FakeChatServer();

    @AfterEach
    void stop() {
        fake.close();
    }

    LlmScriptWriter writer(boolean fallback) {
        LlmSettings settings = new LlmSettings("openai", fake.baseUrl(), "fake-model", "sk-test", "5s", 2, 16_000,
                0.3, fallback ? "extractive" : null);
        return new LlmScriptWriter(new LanguageModels(settings, Clock.systemUTC()).configured().orElseThrow(),
                new Prompts(), new ExtractiveScriptWriter(), fallback);
    }

    static ScriptRequest topic(String topic) {
        return new ScriptRequest(List.of(), "conversational", 300, topic, Map.of(), "en", List.of("Alex", "Sam"),
                List.of(), 7L);
    }

    @Test
    void withoutSourcesTheModelIsAskedToWriteFromGeneralKnowledgeAndTheScriptCitesNothing() {
        Script script = writer(false).write(topic("the history of green tea"));

        assertThat(script.turns()).isNotEmpty().allSatisfy(t -> assertThat(t.cites()).isEmpty());
        assertThat(script.passages()).isEmpty();
        assertThat(script.authorship().writer()).isEqualTo("llm");
        JsonNode outline = fake.requests("podcast_outline").getFirst();
        String system = outline.path("messages").get(0).path("content").asText();
        String user = outline.path("messages").get(1).path("content").asText();
        assertThat(system).contains("This episode has no sources").contains("never invent")
                .doesNotContain("numbered source passages");
        assertThat(user).contains("about this\ntopic: the history of green tea").doesNotContain("Source passages");
        assertThat(fake.requests("podcast_dialogue")).allSatisfy(d -> assertThat(d.path("messages").get(1)
                .path("content").asText()).contains("(none: this episode has no sources"));
        assertThat(fake.requests("rewritten_turns")).as("nothing to fact-check against").isEmpty();
    }

    @Test
    void aTopicOnlyScriptDoesNotFallBackToTheExtractiveWriterWhichNeedsSources() {
        fake.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}").build());

        assertThatThrownBy(() -> writer(true).write(topic("tea"))).isInstanceOf(PipelineException.class)
                .satisfies(e -> assertThat(((PipelineException) e).failure().name()).startsWith("LLM_"));
    }

    @Test
    void aRequestWithNeitherSourcesNorTopicIsRefused() {
        assertThatThrownBy(() -> writer(false).write(topic(null))).isInstanceOf(PipelineException.class)
                .satisfies(e -> assertThat(((PipelineException) e).failure()).isEqualTo(FailureCode.NO_SOURCE_TEXT));
    }

    @Test
    void theIntroOpensTheFirstChapterAndTheOutroClosesTheLastReadByTheHost() {
        Script script = new Script("T", "interview", List.of(new Turn("Sam", "One."), new Turn("Alex", "Two."),
                new Turn("Sam", "Three.")), List.of(new Segment("A", 0), new Segment("B", 2)), false);

        Script framed = script.framed("Alex", " Welcome. ", "Goodbye.");

        assertThat(framed.turns()).extracting(Turn::speaker, Turn::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Alex", "Welcome."), org.assertj.core.groups.Tuple.tuple("Sam", "One."),
                org.assertj.core.groups.Tuple.tuple("Alex", "Two."), org.assertj.core.groups.Tuple.tuple("Sam", "Three."),
                org.assertj.core.groups.Tuple.tuple("Alex", "Goodbye."));
        assertThat(framed.segments()).containsExactly(new Segment("A", 0), new Segment("B", 3));
        assertThat(script.framed("Alex", null, " ")).isSameAs(script);
    }
}
