package dev.podloom.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A {@link LanguageModel} through langchain4j: {@code OpenAiChatModel} for any OpenAI-compatible server (JSON schema
 * as {@code response_format: json_schema}, strict), {@code GoogleAiGeminiChatModel} ({@code responseSchema}) and
 * {@code AnthropicChatModel} (structured output). langchain4j's own retries are off ({@code maxRetries(0)}): one call
 * is one request, and the render job decides when to try again. At most {@code PODLOOM_LLM_MAX_CONCURRENCY} calls
 * run at once on this node.
 */
final class LangChainLanguageModel implements LanguageModel {

    private final LlmSettings settings;
    private final OkHttpClient http;
    private final Clock clock;
    private final Semaphore permits;
    private final ChatModel unseeded;

    LangChainLanguageModel(LlmSettings settings, OkHttpClient http, Clock clock) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("The language model is not configured; set " + settings.missing());
        }
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.permits = new Semaphore(settings.concurrency(), true);
        this.unseeded = build(null);
    }

    @Override
    public String name() {
        return settings.modelName();
    }

    @Override
    public int contextTokens() {
        return settings.contextWindow();
    }

    @Override
    public LlmReply chat(LlmCall call) {
        List<ChatMessage> messages = new ArrayList<>();
        if (call.system() != null && !call.system().isBlank()) {
            messages.add(SystemMessage.from(call.system()));
        }
        messages.add(UserMessage.from(call.user()));
        ChatRequest.Builder request = ChatRequest.builder().messages(messages).maxOutputTokens(call.maxOutputTokens());
        if (call.schema() != null) {
            request.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(call.schemaName()).rootElement(call.schema()).build())
                    .build());
        }
        ChatModel model = call.seed() == null || "anthropic".equals(settings.provider())
                ? unseeded : build(call.seed().intValue());
        ChatResponse response;
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(FailureCode.LLM_UNAVAILABLE, "Interrupted while waiting for a model slot", e);
        }
        try {
            response = model.chat(request.build());
        } catch (RuntimeException e) {
            throw ProviderFailures.map(e, name());
        } finally {
            permits.release();
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new PipelineException(FailureCode.LLM_BAD_OUTPUT, name() + " answered with no text (finish reason "
                    + response.finishReason() + ")");
        }
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new LlmReply(text, in, out);
    }

    private ChatModel build(Integer seed) {
        HttpClientBuilder transport = OkHttpTransport.builder(http, clock);
        return switch (settings.provider()) {
            case "openai" -> OpenAiChatModel.builder()
                    .httpClientBuilder(transport)
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.sampling())
                    .seed(seed)
                    .timeout(settings.timeoutDuration())
                    .maxRetries(0)
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .strictJsonSchema(true)
                    .build();
            case "gemini" -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(transport)
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.sampling())
                    .seed(seed)
                    .timeout(settings.timeoutDuration())
                    .maxRetries(0)
                    .build();
            case "anthropic" -> AnthropicChatModel.builder()
                    .httpClientBuilder(transport)
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.sampling())
                    .timeout(settings.timeoutDuration())
                    .maxRetries(0)
                    .build();
            default -> throw new IllegalArgumentException("Unknown provider " + settings.provider());
        };
    }
}
