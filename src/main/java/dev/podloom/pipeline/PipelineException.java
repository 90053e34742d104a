package dev.podloom.pipeline;

/**
 * A pipeline step failed for a reason worth telling the user, e.g. {@code SOURCE_NOT_FOUND}.
 * The code is stable (clients branch on it); the message names the URL or step that failed.
 */
public class PipelineException extends RuntimeException {

    private final String code;

    public PipelineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public PipelineException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
