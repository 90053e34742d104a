/**
 * Language models as one small seam ({@link dev.podloom.llm.LanguageModel}): OpenAI-compatible servers, Gemini and
 * Anthropic through langchain4j, structured (JSON-schema) output with a tolerant parser and one repair request, and
 * provider errors mapped to {@link dev.podloom.pipeline.FailureCode}s. Knows nothing about podcasts or scripts.
 */
package dev.podloom.llm;
