package dev.podloom.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading a request's JSON body and writing an answer's, with the envelope's 400 for what is not JSON. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as a JSON tree; an empty body or one that is not JSON is a 400 {@code INVALID_REQUEST} whose message
     * shows {@code example}, a body the route would take.
     */
    public static JsonNode parse(JsonMapper json, byte[] raw, String example) {
        if (raw.length == 0 || new String(raw, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "A JSON object body is required, e.g. " + example + ".");
        }
        try {
            return json.readValue(raw, JsonNode.class);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON.");
        }
    }

    /** {@code value} as JSON; our own records always serialize, so a failure here is a bug, not bad input. */
    public static String write(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
