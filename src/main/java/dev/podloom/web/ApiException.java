package dev.podloom.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the client should see as it is: code, message and details go straight into the envelope.
 * Anything that is not an ApiException is answered as a generic {@code INTERNAL_ERROR}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of(), Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, ?> details, Map<String, String> headers) {
        super(message, null, false, false); // expected outcomes: no stack trace needed
        this.code = code;
        this.details = new LinkedHashMap<>(details);
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra response headers, e.g. {@code Retry-After} on {@code RATE_LIMITED}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }

    public static ApiException notFound(ErrorCode code, String message) {
        return new ApiException(code, message);
    }
}
