package dev.podloom.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;

import java.util.function.Function;

/**
 * Asks for a JSON answer and reads it tolerantly: code fences, prose around the object, trailing commas, comments and
 * single quotes are forgiven (local OpenAI-compatible servers produce all of them). An answer that still cannot be
 * read, or that the caller's reader rejects, gets one repair request naming the problem; a second failure is
 * {@link FailureCode#LLM_BAD_OUTPUT}.
 */
public final class StructuredOutput {

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private StructuredOutput() {
    }

    /** A reply that cannot be used, and why (shown to the model in the repair request). */
    public static final class Unusable extends RuntimeException {
        public Unusable(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Calls the model and reads its answer with {@code reader} (which throws {@link Unusable} or
     * {@link IllegalArgumentException} for an answer of the wrong shape), repairing once.
     */
    public static <T> T ask(LanguageModel model, LlmCall call, LlmUsage usage, Function<JsonNode, T> reader) {
        LlmReply reply = model.chat(call);
        usage.add(reply);
        String problem;
        try {
            return reader.apply(parse(reply.text()));
        } catch (Unusable | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        LlmCall repair = new LlmCall(call.system(), call.user() + "\n\n---\nYour previous answer could not be used: "
                + problem + "\nPrevious answer:\n" + abbreviate(reply.text(), 6_000)
                + "\n\nAnswer again with only one JSON object that follows the schema, nothing else.",
                call.schemaName(), call.schema(), call.seed(), call.maxOutputTokens());
        LlmReply second = model.chat(repair);
        usage.add(second);
        try {
            return reader.apply(parse(second.text()));
        } catch (Unusable | IllegalArgumentException e) {
            throw new PipelineException(FailureCode.LLM_BAD_OUTPUT, model.name() + " gave an unusable answer twice: "
                    + e.getMessage());
        }
    }

    /** The JSON object in a model's text; {@link Unusable} when there is none. */
    public static JsonNode parse(String text) {
        if (text == null) {
            throw new Unusable("the answer was empty");
        }
        String body = text.strip();
        int fence = body.indexOf("```");
        if (fence >= 0) {
            int start = body.indexOf('\n', fence);
            int end = body.indexOf("```", Math.max(start, fence + 3));
            if (start > 0 && end > start) {
                body = body.substring(start + 1, end).strip();
            }
        }
        int open = body.indexOf('{');
        int close = body.lastIndexOf('}');
        if (open < 0) {
            throw new Unusable("the answer holds no JSON object");
        }
        String candidate = close > open ? body.substring(open, close + 1) : body.substring(open);
        try {
            JsonNode node = LENIENT.readTree(candidate);
            if (node == null || !node.isObject()) {
                throw new Unusable("the answer is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw new Unusable("the JSON is malformed (" + (why == null ? "syntax error" : abbreviate(why, 200))
                    + (close <= open ? "; it looks cut off" : "") + ")");
        }
    }

    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
