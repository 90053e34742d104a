package dev.podloom.llm;

/** A model's answer and what it cost in tokens (0 when the server does not say). */
public record LlmReply(String text, long promptTokens, long completionTokens) {
}
