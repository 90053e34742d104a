package dev.podloom.pipeline;

/**
 * Who wrote a script and what it cost to write.
 *
 * @param writer           {@code extractive} or {@code llm}
 * @param model            the language model ({@code provider/model}), or null for the extractive writer
 * @param fallbackReason   the failure code that made the writer fall back to the extractive one, or null
 * @param promptTokens     tokens sent to the language model
 * @param completionTokens tokens it answered with
 * @param modelCalls       calls made to the language model
 */
public record Authorship(String writer, String model, String fallbackReason, long promptTokens,
                         long completionTokens, int modelCalls) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";

    public static Authorship extractive() {
        return new Authorship(EXTRACTIVE, null, null, 0, 0, 0);
    }

    public Authorship withFallback(String reason, Authorship spent) {
        return new Authorship(writer, model, reason, spent.promptTokens, spent.completionTokens, spent.modelCalls);
    }
}
