package dev.podloom.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Gemini {@code generateContent} and Anthropic {@code messages} through the same seam: the documented requests
 * (paths, key headers, JSON schema) and answers (text, token usage), and their errors mapped to failure codes.
 */
class ProviderWireFormatTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonObjectSchema SCHEMA = JsonObjectSchema.builder().addStringProperty("answer")
            .required("answer").additionalProperties(false).build();
    final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LanguageModel model(String provider, String basePath) {
        return new LanguageModels(new LlmSettings(provider, server.url(basePath).toString(), "test-model", "key-123",
                "5s", 1, 8_000, 0.2, null), Clock.systemUTC()).configured().orElseThrow();
    }

    static LlmCall call() {
        return new LlmCall("Answer briefly.", "Is the sky blue?", "short_answer", SCHEMA, 7L, 500);
    }

    @Test
    void geminiIsAskedForJsonWithAResponseSchemaAndItsUsageIsCounted() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"candidates":[{"content":{"parts":[{"text":"{\\"answer\\": \\"yes\\"}"}],"role":"model"},
                 "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":4,"totalTokenCount":15},
                 "modelVersion":"test-model"}""").build());
        LlmUsage usage = new LlmUsage();
        String answer = StructuredOutput.ask(model("gemini", "/v1beta"), call(), usage,
                json -> json.path("answer").asText());

        assertThat(answer).isEqualTo("yes");
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(4);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/test-model:generateContent");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo("key-123");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.path("contents").get(0).path("parts").get(0).path("text").asText()).isEqualTo("Is the sky blue?");
        assertThat(body.path("systemInstruction").toString()).contains("Answer briefly.");
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.has("responseSchema") || config.has("responseJsonSchema")).isTrue();
        assertThat(config.toString()).contains("answer");
        assertThat(config.path("seed").asInt()).isEqualTo(7);
    }

    @Test
    void anthropicIsAskedForStructuredOutputAndItsUsageIsCounted() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"id":"msg_01","type":"message","role":"assistant","model":"test-model",
                 "content":[{"type":"text","text":"{\\"answer\\":\\"yes\\"}"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":21,"output_tokens":6}}""")
                .build());
        LlmUsage usage = new LlmUsage();
        String answer = StructuredOutput.ask(model("anthropic", "/v1/"), call(), usage,
                json -> json.path("answer").asText());

        assertThat(answer).isEqualTo("yes");
        assertThat(usage.promptTokens()).isEqualTo(21);
        assertThat(usage.completionTokens()).isEqualTo(6);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo("key-123");
        assertThat(request.getHeaders().get("anthropic-version")).isNotBlank();
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(500);
        assertThat(body.path("system").toString()).contains("Answer briefly.");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("output_config").path("format").path("schema").toString()).contains("answer");
    }

    @Test
    void anOverloadedAnthropicWithRetryAfterIsUnavailableAndSaysWhenToComeBack() {
        server.enqueue(new MockResponse.Builder().code(529).addHeader("Retry-After", "12")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .build());
        assertThatThrownBy(() -> model("anthropic", "/v1/").chat(call()))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.LLM_UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aGeminiKeyThatIsRefusedIsUnauthorized() {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":403,\"message\":\"API key not valid.\",\"status\":\"PERMISSION_DENIED\"}}")
                .build());
        assertThatThrownBy(() -> model("gemini", "/v1beta").chat(call()))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.LLM_UNAUTHORIZED));
    }

    @Test
    void settingsNameWhatIsMissing() {
        assertThat(new LlmSettings(null, null, null, null, null, null, null, null, null).missing())
                .containsExactly("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL");
        assertThat(new LlmSettings("anthropic", null, "claude", null, null, null, null, null, null).missing())
                .containsExactly("PODLOOM_LLM_API_KEY");
        assertThat(new LlmSettings("openai", "http://localhost:11434/v1", "llama3.1", null, "90s", null, null, null,
                null).configured()).isTrue();
        assertThatThrownBy(() -> new LlmSettings("cohere", null, "x", null, null, null, null, null, null))
                .hasMessageContaining("PODLOOM_LLM_PROVIDER");
    }
}
