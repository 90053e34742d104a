package dev.podloom.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A provider's failure as a {@link FailureCode}: 401/403 unauthorized, 404 unknown model, 429 rate limited (with its
 * {@code Retry-After}), 5xx/408/529 and timeouts unavailable (retryable), a prompt over the context window too large,
 * any other 4xx a rejected request. The provider's body goes to the log only.
 */
final class ProviderFailures {

    /** How OpenAI, OpenAI-compatible servers, Gemini and Anthropic word a prompt that does not fit. */
    private static final Pattern CONTEXT = Pattern.compile(
            "context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long"
                    + "|exceeds the (?:maximum|context)|token limit|max_tokens.*exceed|n_ctx");

    private ProviderFailures() {
    }

    static PipelineException map(RuntimeException failure, String model) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PipelineException pipeline) {
                return pipeline;
            }
            if (t instanceof HttpException http) {
                Duration retryAfter = t instanceof OkHttpTransport.ProviderHttpException p ? p.retryAfter() : null;
                return fromStatus(http.statusCode(), String.valueOf(http.getMessage()), retryAfter, model, failure);
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new PipelineException(FailureCode.LLM_UNAVAILABLE, model + " did not answer in time", failure);
            }
            if (t instanceof OkHttpTransport.ProviderIoException || t instanceof UnresolvedModelServerException
                    || t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
                return new PipelineException(FailureCode.LLM_UNAVAILABLE, model + " cannot be reached", failure);
            }
        }
        // langchain4j could not read the answer (e.g. a body that is not the provider's format).
        return new PipelineException(FailureCode.LLM_BAD_OUTPUT, model + " answered with something unreadable", failure);
    }

    static PipelineException fromStatus(int status, String body, Duration retryAfter, String model, Throwable cause) {
        String detail = model + " answered HTTP " + status + ": " + abbreviate(body);
        FailureCode code;
        if (status == 401 || status == 403) {
            code = FailureCode.LLM_UNAUTHORIZED;
        } else if (status == 404) {
            code = FailureCode.LLM_MODEL_NOT_FOUND;
        } else if (status == 429) {
            code = FailureCode.LLM_RATE_LIMITED;
        } else if (status == 408 || status >= 500) {
            code = FailureCode.LLM_UNAVAILABLE;
        } else if (CONTEXT.matcher(body.toLowerCase(Locale.ROOT)).find()) {
            code = FailureCode.LLM_CONTEXT_TOO_LARGE;
        } else {
            code = FailureCode.LLM_REQUEST_REJECTED;
        }
        return new PipelineException(code, detail, cause, code.retryable() ? retryAfter : null);
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
