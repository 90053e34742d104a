package dev.podloom.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The response body every endpoint answers with: {@code {success, data | error, meta}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL) // success bodies carry no "error", errors no "data"
public record Envelope(boolean success, Object data, ErrorBody error, Map<String, Object> meta) {

    @Serdeable
    public record ErrorBody(String code, String message, Map<String, Object> details) {
    }

    public static Envelope ok(Object data, Map<String, Object> meta) {
        return new Envelope(true, data, null, meta);
    }

    public static Envelope error(String code, String message, Map<String, Object> details, Map<String, Object> meta) {
        return new Envelope(false, null, new ErrorBody(code, message, details), meta);
    }
}
