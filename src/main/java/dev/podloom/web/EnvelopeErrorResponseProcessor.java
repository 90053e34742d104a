package dev.podloom.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the framework's own errors (unknown route, wrong method, unreadable JSON, wrong content
 * type, oversized body, unhandled exceptions) into the same envelope as ours. Messages are written
 * here rather than passed through, so no class name or stack trace ever reaches a client.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public final class EnvelopeErrorResponseProcessor implements ErrorResponseProcessor<Envelope> {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<Envelope> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        int status = response.code();
        Throwable cause = context.getRootCause().orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        String code;
        String message;
        switch (status) {
            case 400 -> {
                code = ErrorCode.INVALID_REQUEST.name();
                message = badRequestMessage(cause, details);
            }
            case 401 -> {
                code = ErrorCode.UNAUTHORIZED.name();
                message = "Authentication is required.";
            }
            case 403 -> {
                code = ErrorCode.FORBIDDEN.name();
                message = "Access to this resource is forbidden.";
            }
            case 404 -> {
                code = ErrorCode.NOT_FOUND.name();
                message = "No endpoint " + request.getMethodName() + " " + request.getPath() + ".";
            }
            case 405 -> {
                code = ErrorCode.METHOD_NOT_ALLOWED.name();
                message = "Method " + request.getMethodName() + " is not allowed on " + request.getPath() + ".";
            }
            case 406 -> {
                code = ErrorCode.NOT_ACCEPTABLE.name();
                message = "This endpoint answers with application/json.";
            }
            case 413 -> {
                code = ErrorCode.PAYLOAD_TOO_LARGE.name();
                message = "The request body is too large.";
            }
            case 415 -> {
                code = ErrorCode.UNSUPPORTED_MEDIA_TYPE.name();
                message = "Content-Type " + request.getContentType().map(MediaType::toString).orElse("(none)")
                        + " is not supported here; send application/json.";
            }
            default -> {
                if (status >= 500) {
                    LOG.error("Unhandled error on {} {} (request {})", request.getMethodName(), request.getPath(),
                            RequestIds.of(request), cause);
                    code = ErrorCode.INTERNAL_ERROR.name();
                    message = "An unexpected error occurred. Quote the request id if you report it.";
                } else {
                    code = ErrorCode.INVALID_REQUEST.name();
                    message = "The request could not be processed (HTTP " + status + ").";
                }
            }
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ApiResponses.errorBody(request, code, message, details));
    }

    private static String badRequestMessage(Throwable cause, Map<String, Object> details) {
        if (cause instanceof ConversionErrorException conversion) {
            String field = conversion.getArgument().getName();
            details.put("field", field);
            return "Invalid value for '" + field + "': "
                    + conversion.getConversionError().getOriginalValue().map(String::valueOf).orElse("(empty)") + ".";
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            String field = unsatisfied.getArgument().getName();
            details.put("field", field);
            return "Missing required value '" + field + "'.";
        }
        if (cause != null && cause.getClass().getName().contains("Json")) {
            return "The request body is not valid JSON.";
        }
        return "The request is malformed.";
    }
}
