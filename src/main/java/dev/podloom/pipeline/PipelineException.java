package dev.podloom.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * A pipeline step failed with a typed {@link FailureCode}. The detail is for logs (and, for source and request
 * faults, for the client: it names the URL or field); {@link #clientMessage()} is what a client may see.
 * {@link #retryAfter()} carries a provider's {@code Retry-After} when it gave one.
 */
public class PipelineException extends RuntimeException {

    private final FailureCode code;
    private final Duration retryAfter;

    public PipelineException(FailureCode code, String detail) {
        this(code, detail, null, null);
    }

    public PipelineException(FailureCode code, String detail, Throwable cause) {
        this(code, detail, cause, null);
    }

    public PipelineException(FailureCode code, String detail, Throwable cause, Duration retryAfter) {
        super(detail, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public FailureCode failure() {
        return code;
    }

    /** The stable code string clients branch on. */
    public String code() {
        return code.name();
    }

    public boolean retryable() {
        return code.retryable();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The message a client may see: our own detail for source and request faults, the code's sentence otherwise. */
    public String clientMessage() {
        return code.detailIsClientSafe() && getMessage() != null ? getMessage() : code.clientMessage();
    }
}
