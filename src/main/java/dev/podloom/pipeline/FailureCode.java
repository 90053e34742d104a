package dev.podloom.pipeline;

import java.util.Locale;

/**
 * Why a podcast or script could not be made: the one table every stage uses. Each code says whose fault it is
 * ({@link Fault}), whether trying again can help ({@link #retryable()}), the HTTP status a synchronous caller
 * (e.g. {@code POST /v1/scripts}) gets, and the message a client sees when the failure is not the caller's
 * own: messages about internal or provider faults never carry exception text.
 */
public enum FailureCode {
    // The caller's sources: permanent, the message names the URL (written by us, safe to show).
    INVALID_URL(Fault.SOURCE, false, 400, "A source URL is not valid."),
    BLOCKED_ADDRESS(Fault.SOURCE, false, 400, "A source points at a private or reserved address."),
    SOURCE_NOT_FOUND(Fault.SOURCE, false, 400, "A source could not be found."),
    SOURCE_HTTP_ERROR(Fault.SOURCE, false, 400, "A source answered with an HTTP error."),
    SOURCE_UNREACHABLE(Fault.SOURCE, false, 400, "A source could not be reached."),
    SOURCE_TIMEOUT(Fault.SOURCE, false, 400, "A source did not answer in time."),
    SOURCE_TOO_LARGE(Fault.SOURCE, false, 400, "A source is larger than the limit."),
    TOO_MANY_REDIRECTS(Fault.SOURCE, false, 400, "A source redirected too many times."),
    UNSUPPORTED_CONTENT_TYPE(Fault.SOURCE, false, 400, "A source has a content type that cannot be read."),
    NO_READABLE_TEXT(Fault.SOURCE, false, 400, "A source holds no readable text."),
    NO_SOURCE_TEXT(Fault.SOURCE, false, 400, "The sources hold no readable text."),
    EMPTY_SCRIPT(Fault.SOURCE, false, 400, "No script could be written from the sources."),

    // The request itself (normally caught before any charge; kept for the CLI and for late checks).
    INVALID_REQUEST(Fault.REQUEST, false, 400, "The request is not valid."),
    INVALID_DURATION(Fault.REQUEST, false, 400, "The duration is outside 1 to 120 minutes."),
    UNKNOWN_ENGINE(Fault.REQUEST, false, 400, "The speech engine is not available here."),
    UNKNOWN_VOICE(Fault.REQUEST, false, 400, "A voice is not available here."),
    UNSUPPORTED_LANGUAGE(Fault.REQUEST, false, 400, "No installed voice speaks the language."),

    // Language-model providers.
    LLM_NOT_CONFIGURED(Fault.REQUEST, false, 409, "No language model is configured on this server."),
    LLM_UNAUTHORIZED(Fault.PROVIDER, false, 503, "The language model provider refused the server's credentials."),
    LLM_MODEL_NOT_FOUND(Fault.PROVIDER, false, 503, "The configured language model does not exist at the provider."),
    LLM_CONTEXT_TOO_LARGE(Fault.PROVIDER, false, 503, "The sources do not fit the language model's context."),
    LLM_BAD_OUTPUT(Fault.PROVIDER, true, 503, "The language model did not return a usable script."),
    LLM_RATE_LIMITED(Fault.PROVIDER, true, 503, "The language model provider is rate limiting this server."),
    LLM_UNAVAILABLE(Fault.PROVIDER, true, 503, "The language model provider is unavailable."),
    LLM_REQUEST_REJECTED(Fault.PROVIDER, false, 503, "The language model provider rejected the request."),
    /** Translations: the model kept answering with turns added, dropped or out of order (after retries). */
    LLM_TRANSLATION_MISMATCH(Fault.PROVIDER, false, 503,
            "The language model's translation did not keep the script's turns."),
    /** Translations: the podcast to translate has no kept script any more. */
    TRANSLATION_SOURCE_MISSING(Fault.REQUEST, false, 409, "The podcast to translate has no script to translate."),

    // Speech providers.
    TTS_UNAUTHORIZED(Fault.PROVIDER, false, 503, "The speech provider refused the server's credentials."),
    TTS_VOICE_NOT_FOUND(Fault.PROVIDER, false, 400, "The speech provider does not have the requested voice."),
    TTS_QUOTA_EXCEEDED(Fault.PROVIDER, false, 503, "The speech provider's quota is used up."),
    TTS_BAD_AUDIO(Fault.PROVIDER, true, 503, "The speech provider returned unusable audio."),
    TTS_RATE_LIMITED(Fault.PROVIDER, true, 503, "The speech provider is rate limiting this server."),
    TTS_UNAVAILABLE(Fault.PROVIDER, true, 503, "The speech provider is unavailable."),
    TTS_REJECTED(Fault.PROVIDER, false, 503, "The speech provider refused the request."),

    // Our own engines, storage and code.
    SYNTHESIS_FAILED(Fault.INTERNAL, false, 503, "The speech engine failed."),
    SILENT_AUDIO(Fault.INTERNAL, false, 503, "The speech engine produced silence."),
    RENDER_FAILED(Fault.INTERNAL, false, 503, "The audio could not be produced."),
    STORAGE_UNAVAILABLE(Fault.INTERNAL, true, 503, "The audio could not be stored."),
    RENDER_ABANDONED(Fault.INTERNAL, false, 503, "Generation was interrupted too many times and was given up."),
    INTERNAL_ERROR(Fault.INTERNAL, false, 500, "The podcast could not be generated because of an internal error.");

    /** Whose fault a failure is. */
    public enum Fault {
        /** The caller's sources (unreachable, empty, too large …). */
        SOURCE,
        /** The request asked for something this server cannot do. */
        REQUEST,
        /** A language-model or speech provider. */
        PROVIDER,
        /** This server: its engines, storage or code. */
        INTERNAL
    }

    private final Fault fault;
    private final boolean retryable;
    private final int httpStatus;
    private final String clientMessage;

    FailureCode(Fault fault, boolean retryable, int httpStatus, String clientMessage) {
        this.fault = fault;
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.clientMessage = clientMessage;
    }

    public Fault fault() {
        return fault;
    }

    /** Whether running the same work again later may succeed (a provider's 429, a storage hiccup). */
    public boolean retryable() {
        return retryable;
    }

    /** The status a synchronous endpoint answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A fixed, client-safe sentence for this code. */
    public String clientMessage() {
        return clientMessage;
    }

    /** Whether the failure's own detail (written by us, naming a URL or field) may be shown to the client. */
    public boolean detailIsClientSafe() {
        return fault == Fault.SOURCE || fault == Fault.REQUEST;
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
