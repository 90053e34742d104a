package dev.podloom.llm;

/**
 * One configured language model. Every call is a single request: no retries inside (the caller's job decides when
 * to try again), failures are {@link dev.podloom.pipeline.PipelineException}s with an {@code LLM_*} code.
 */
public interface LanguageModel {

    /** {@code provider/model}. */
    String name();

    /** The context window the operator declared, in tokens. */
    int contextTokens();

    LlmReply chat(LlmCall call);
}
