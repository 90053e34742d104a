package dev.podloom.llm;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * One request to a language model.
 *
 * @param system          instructions
 * @param user            the task and its material
 * @param schemaName      the name of the answer's JSON schema (letters, digits, underscores)
 * @param schema          the JSON object the answer must be; null for free text
 * @param seed            sampling seed for providers that accept one, or null
 * @param maxOutputTokens the longest answer wanted
 */
public record LlmCall(String system, String user, String schemaName, JsonObjectSchema schema, Long seed,
                      int maxOutputTokens) {
}
