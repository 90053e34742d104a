package dev.podloom.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmSettings;
import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SpeakerProfile;
import dev.podloom.pipeline.Turn;
import dev.podloom.testsupport.FakeChatServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The language-model writer against an OpenAI-compatible fake that follows the chat-completions wire format. */
class LlmScriptWriterTest {

    static final SourceDocument ARTICLE = new SourceDocument("https://example.com/bikes", "A short history of bicycles",
            List.of(new SourceDocument.Section("Beginnings", List.of(
                    "Karl Drais built his running machine in 1817 in Mannheim. It had no pedals at all.",
                    "Riders pushed themselves along with their feet and reached about 15 kilometres an hour.",
                    "The machine was made of wood and weighed around 22 kilograms.")),
                    new SourceDocument.Section("Pedals and tyres", List.of(
                            "Pedals attached to the front wheel arrived in France in the 1860s.",
                            "John Boyd Dunlop patented the pneumatic tyre in 1888 for his son's tricycle.",
                            "The safety bicycle with a chain drive made cycling popular with millions of people.",
                            "By 1899 there were more than a million cyclists in Britain alone."))));

    final FakeChatServer fake = new FakeChatServer();

    @AfterEach
    void stop() {
        fake.close();
    }

    LlmScriptWriter writer(boolean fallback, String timeout) {
        LlmSettings settings = new LlmSettings("openai", fake.baseUrl(), "fake-model", "sk-test", timeout, 2, 16_000,
                0.3, fallback ? "extractive" : null);
        LanguageModels models = new LanguageModels(settings, Clock.systemUTC());
        return (LlmScriptWriter) new LlmScriptWriter(models.configured().orElseThrow(), new Prompts(),
                new ExtractiveScriptWriter(), fallback).forOneScript();
    }

    static ScriptRequest request(int words, String language, List<String> speakers, List<SpeakerProfile> profiles) {
        return new ScriptRequest(List.of(ARTICLE), "deep_dive", words, "tyres", Map.of(), language, speakers,
                profiles, 42L);
    }

    @Test
    void anOutlineThenOneDialoguePerSegmentAreRequestedAsStrictJsonSchemaAndEveryFactTurnCitesAPassage() {
        Script script = writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        assertThat(fake.requests("podcast_outline")).hasSize(1);
        int segments = script.segments().size();
        assertThat(fake.requests("podcast_dialogue")).hasSize(segments);
        assertThat(fake.calls()).isLessThanOrEqualTo(segments + 3);
        JsonNode outline = fake.requests("podcast_outline").getFirst();
        assertThat(outline.path("model").asText()).isEqualTo("fake-model");
        assertThat(outline.path("seed").asInt()).isEqualTo(42);
        assertThat(outline.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(outline.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(outline.path("response_format").path("json_schema").path("schema").path("required").toString())
                .contains("segments");
        assertThat(outline.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(outline.path("messages").get(1).path("content").asText())
                .contains("Focus the episode on: tyres").contains("1: Karl Drais built his running machine");
        assertThat(fake.recorded().getFirst().getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(fake.recorded().getFirst().getUrl().encodedPath()).isEqualTo("/v1/chat/completions");

        assertThat(script.authorship().writer()).isEqualTo(Authorship.LLM);
        assertThat(script.authorship().model()).isEqualTo("openai/fake-model");
        assertThat(script.authorship().modelCalls()).isEqualTo(fake.calls());
        assertThat(script.authorship().promptTokens()).isEqualTo(120L * fake.calls());
        assertThat(script.authorship().completionTokens()).isEqualTo(80L * fake.calls());
        Set<Integer> passageIds = script.passages().stream().map(p -> p.id()).collect(Collectors.toSet());
        for (Turn turn : script.turns()) {
            if (turn.text().startsWith("Right, ")) {
                assertThat(turn.cites()).isNotEmpty();
                assertThat(passageIds).containsAll(turn.cites());
                String passage = script.passages().stream().filter(p -> p.id() == turn.cites().getFirst())
                        .findFirst().orElseThrow().text();
                assertThat(turn.text()).contains(passage);
            } else {
                assertThat(turn.cites()).isEmpty();
            }
        }
        assertThat(script.turns().getFirst().speaker()).isEqualTo("Alex");
        assertThat(script.speakers()).containsExactly("Alex", "Sam");
    }

    @Test
    void aSecondDialogueRequestCarriesASummaryOfTheEarlierSegments() {
        writer(false, "5s").write(request(2_000, "en", List.of("Alex", "Sam"), List.of()));
        List<JsonNode> dialogues = fake.requests("podcast_dialogue");
        assertThat(dialogues.size()).isGreaterThan(1);
        assertThat(dialogues.get(0).path("messages").get(1).path("content").asText())
                .contains("nothing yet: this is the opening");
        assertThat(dialogues.get(1).path("messages").get(1).path("content").asText()).contains("- Part 1:");
    }

    @Test
    void malformedJsonWithCodeFencesIsRepairedByOneMoreRequest() {
        fake.enqueue(FakeChatServer.completion("```json\n{\"title\": \"x\", \"segments\": [ {\"title\": \"Part 1\",", 0));
        Script script = writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        List<JsonNode> outlines = fake.requests("podcast_outline");
        assertThat(outlines).hasSize(2);
        assertThat(outlines.get(1).path("messages").get(1).path("content").asText())
                .contains("Your previous answer could not be used").contains("malformed");
        assertThat(script.turns()).isNotEmpty();
    }

    @Test
    void anAnswerInCodeFencesWithProseAroundItIsReadWithoutARepair() {
        fake.enqueue(FakeChatServer.completion("Sure! Here is the outline:\n```json\n{\"title\": \"T\", \"segments\": "
                + "[{\"title\": \"Only part\", \"minutes\": 2, \"points\": [{\"point\": \"Drais\", \"cites\": [1]},]}]}"
                + "\n```\nHope this helps.", 0));
        Script script = writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        assertThat(fake.requests("podcast_outline")).hasSize(1);
        assertThat(script.title()).isEqualTo("T");
        assertThat(script.segments()).extracting(s -> s.title()).containsExactly("Only part");
    }

    @Test
    void aTurnCitingAnUnknownPassageIsRewrittenOnceThenDropped() {
        fake.unknownCitation = 999;
        Script script = writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        assertThat(fake.requests("rewritten_turns")).hasSize(1);
        assertThat(fake.requests("rewritten_turns").getFirst().path("messages").get(1).path("content").asText())
                .contains("cites no existing passage");
        assertThat(script.turns()).noneMatch(t -> t.cites().contains(999));
        assertThat(script.turns()).noneMatch(t -> t.text().contains("unsupported claim"));
    }

    @Test
    void fourSpeakersWithRolesAndPersonasReachThePromptAndAllSpeak() {
        List<String> speakers = List.of("Ana", "Ben", "Cleo", "Dev");
        Script script = writer(false, "5s").write(request(600, "en", speakers, List.of(
                new SpeakerProfile("Cleo", "skeptic", "A transport economist who doubts every claim."),
                new SpeakerProfile("Dev", "expert", null))));

        String system = fake.requests("podcast_outline").getFirst().path("messages").get(0).path("content").asText();
        assertThat(system).contains("- Ana\n- Ben\n- Cleo, skeptic: A transport economist who doubts every claim.\n"
                + "- Dev, expert");
        assertThat(script.speakers()).containsExactlyInAnyOrderElementsOf(speakers);
    }

    @Test
    void aFrenchPodcastFromEnglishSourcesIsAskedForInFrenchAndKeepsItsCitations() {
        Script script = writer(false, "5s").write(request(300, "fr", List.of("Alex", "Sam"), List.of()));

        String system = fake.requests("podcast_outline").getFirst().path("messages").get(0).path("content").asText();
        assertThat(system).contains("in the language \"fr\", even when the sources are in another language");
        assertThat(script.turns()).anyMatch(t -> t.text().startsWith("D'après la source") && !t.cites().isEmpty());
        assertThat(fake.requests("rewritten_turns")).isEmpty();
    }

    @Test
    void aLongerBudgetAsksTheModelToExpandNamedSegmentsAtMostTwice() {
        LlmScriptWriter writer = writer(false, "5s");
        Script first = writer.write(request(300, "en", List.of("Alex", "Sam"), List.of()));
        Script longer = writer.write(request(600, "en", List.of("Alex", "Sam"), List.of()));
        writer.write(request(900, "en", List.of("Alex", "Sam"), List.of()));
        writer.write(request(1_200, "en", List.of("Alex", "Sam"), List.of()));

        List<JsonNode> adjustments = fake.requests("adjusted_segments");
        assertThat(adjustments).hasSize(2);
        assertThat(adjustments.getFirst().path("messages").get(1).path("content").asText())
                .contains("The script is too short").containsPattern("Segment \\d+ \"Part \\d+\": now \\d+ words");
        assertThat(longer.wordCount()).isGreaterThan(first.wordCount());
        assertThat(Math.abs(longer.wordCount() - 600)).isLessThan(600 / 5);
    }

    @Test
    void nothingIsKeptFromOneScriptToTheNext() {
        LanguageModels models = new LanguageModels(new LlmSettings("openai", fake.baseUrl(), "fake-model", null, "5s",
                2, 16_000, 0.3, null), Clock.systemUTC());
        LlmScriptWriter shared = new LlmScriptWriter(models.configured().orElseThrow(), new Prompts(),
                new ExtractiveScriptWriter(), false);
        Script first = shared.write(request(300, "en", List.of("Alex", "Sam"), List.of()));
        Script second = shared.write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        assertThat(fake.requests("podcast_outline")).hasSize(2);
        assertThat(second.authorship().modelCalls()).isEqualTo(first.authorship().modelCalls());
        assertThat(fake.recorded().getFirst().getHeaders().get("Authorization")).as("no key, no header").isNull();
    }

    @Test
    void aSmallerBudgetIsMetByCuttingWholeTurnsWithoutAskingTheModel() {
        LlmScriptWriter writer = writer(false, "5s");
        Script first = writer.write(request(1_000, "en", List.of("Alex", "Sam"), List.of()));
        int calls = fake.calls();
        Script shorter = writer.write(request((int) (first.wordCount() * 0.95), "en", List.of("Alex", "Sam"),
                List.of()));

        assertThat(fake.calls()).isEqualTo(calls);
        assertThat(shorter.wordCount()).isLessThan(first.wordCount());
        assertThat(shorter.turns().getFirst()).isEqualTo(first.turns().getFirst());
    }

    @Test
    void aRateLimitCarriesTheProvidersRetryAfter() {
        fake.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .build());
        assertThatThrownBy(() -> writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of())))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.LLM_RATE_LIMITED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        assertThat(fake.calls()).as("no retry inside langchain4j").isEqualTo(1);
    }

    @Test
    void refusedCredentialsAndUnknownModelsArePermanentFailures() {
        fake.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}").build());
        assertThatThrownBy(() -> writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of())))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.LLM_UNAUTHORIZED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.clientMessage()).doesNotContain("Incorrect API key");
                });
        fake.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"The model `nope` does not exist\",\"code\":\"model_not_found\"}}")
                .build());
        assertThatThrownBy(() -> writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of())))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.LLM_MODEL_NOT_FOUND));
        fake.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\","
                        + "\"code\":\"context_length_exceeded\"}}").build());
        assertThatThrownBy(() -> writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of())))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.LLM_CONTEXT_TOO_LARGE));
    }

    @Test
    void aModelThatDoesNotAnswerInTimeIsATransientFailure() {
        fake.enqueue(new MockResponse.Builder().code(200).headersDelay(3, java.util.concurrent.TimeUnit.SECONDS)
                .body("{}").build());
        assertThatThrownBy(() -> writer(false, "1s").write(request(300, "en", List.of("Alex", "Sam"), List.of())))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.LLM_UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
        // The same request then succeeds.
        assertThat(writer(false, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of())).turns())
                .isNotEmpty();
    }

    @Test
    void withTheExtractiveFallbackAPermanentFailureIsWrittenExtractivelyAndSaysSo() {
        fake.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key\"}}").build());
        Script script = writer(true, "5s").write(request(300, "en", List.of("Alex", "Sam"), List.of()));

        assertThat(script.authorship().writer()).isEqualTo(Authorship.EXTRACTIVE);
        assertThat(script.authorship().fallbackReason()).isEqualTo("LLM_UNAUTHORIZED");
        assertThat(script.authorship().model()).isEqualTo("openai/fake-model");
        assertThat(script.turns()).isNotEmpty();
    }
}
