package dev.podloom.web;

import io.micronaut.http.HttpStatus;

/**
 * Every error code the API can answer with, and its HTTP status. The first block is the Podhoc
 * seed's table; the rest cover what the seed does not document (routes, links, idempotency).
 */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST),
    INVALID_DURATION(HttpStatus.BAD_REQUEST),
    TEST_TOKEN_RESTRICTED(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    INSUFFICIENT_CREDITS(HttpStatus.PAYMENT_REQUIRED),
    PODCAST_NOT_FOUND(HttpStatus.NOT_FOUND),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),

    /** A signed download link was altered or has expired. */
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    ACCOUNT_NOT_FOUND(HttpStatus.NOT_FOUND),
    API_KEY_NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    /** The podcast exists but has no audio yet (still processing, or failed). */
    PODCAST_NOT_READY(HttpStatus.CONFLICT),
    /** The podcast cannot be revised: its script was not kept, or a voice it was spoken with is gone. */
    REVISION_NOT_POSSIBLE(HttpStatus.CONFLICT),
    SHOW_NOT_FOUND(HttpStatus.NOT_FOUND),
    EPISODE_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The podcast is already an episode of this show. */
    EPISODE_ALREADY_EXISTS(HttpStatus.CONFLICT),
    /** A request with the same Idempotency-Key is still being processed. */
    IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT),
    /** The Idempotency-Key was already used with a different request body. */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** No series with this id in this show of the caller's. */
    SERIES_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The feature needs a language model and none is configured on this server. */
    LLM_NOT_CONFIGURED(HttpStatus.CONFLICT);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
