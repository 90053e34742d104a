package dev.podloom.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language model the server writes scripts with ({@code PODLOOM_LLM_*}); all blank means none is configured.
 *
 * @param provider       {@code openai} (any OpenAI-compatible server), {@code gemini} or {@code anthropic}
 * @param baseUrl        the provider's API root, e.g. {@code http://localhost:11434/v1} for Ollama; blank: the
 *                       provider's public endpoint
 * @param model          the model name, e.g. {@code llama3.1} or {@code gpt-4.1-mini}
 * @param apiKey         the provider's key (optional for local servers)
 * @param timeout        per call, e.g. {@code 120s} or {@code 120} (seconds); default 120 s
 * @param maxConcurrency calls this node makes to the provider at once; default 4
 * @param contextTokens  the model's context window; sources are reduced to fit; default 32,000
 * @param temperature    sampling temperature; default 0.7
 * @param fallback       {@code extractive}: on a permanent provider failure, write with the extractive writer
 *                       instead of failing; blank: fail
 */
@ConfigurationProperties("podloom.llm")
public record LlmSettings(@Nullable String provider, @Nullable String baseUrl, @Nullable String model,
                          @Nullable String apiKey, @Nullable String timeout, @Nullable Integer maxConcurrency,
                          @Nullable Integer contextTokens, @Nullable Double temperature, @Nullable String fallback) {

    public static final Set<String> PROVIDERS = Set.of("openai", "gemini", "anthropic");
    /** The variables an operator sets to configure a model, for error details. */
    public static final List<String> VARIABLES = List.of("PODLOOM_LLM_PROVIDER", "PODLOOM_LLM_MODEL",
            "PODLOOM_LLM_BASE_URL", "PODLOOM_LLM_API_KEY");

    public LlmSettings {
        provider = blankToNull(provider) == null ? null : provider.strip().toLowerCase(Locale.ROOT);
        baseUrl = blankToNull(baseUrl);
        model = blankToNull(model);
        apiKey = blankToNull(apiKey);
        timeout = blankToNull(timeout);
        fallback = blankToNull(fallback) == null ? null : fallback.strip().toLowerCase(Locale.ROOT);
        if (provider != null && !PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("PODLOOM_LLM_PROVIDER must be one of " + PROVIDERS + ", not '"
                    + provider + "'");
        }
        if (fallback != null && !fallback.equals("extractive")) {
            throw new IllegalArgumentException("PODLOOM_LLM_FALLBACK may only be 'extractive', not '" + fallback + "'");
        }
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("PODLOOM_LLM_MAX_CONCURRENCY must be at least 1");
        }
        if (contextTokens != null && contextTokens < 2_000) {
            throw new IllegalArgumentException("PODLOOM_LLM_CONTEXT_TOKENS must be at least 2000");
        }
        timeoutDuration(timeout);
    }

    /** Whether a model can be called: a provider and a model name (and a key where the provider needs one). */
    public boolean configured() {
        return missing().isEmpty();
    }

    /** What an operator still has to set, empty when configured. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (provider == null) {
            missing.add("PODLOOM_LLM_PROVIDER");
        }
        if (model == null) {
            missing.add("PODLOOM_LLM_MODEL");
        }
        if (apiKey == null && ("gemini".equals(provider) || "anthropic".equals(provider))) {
            missing.add("PODLOOM_LLM_API_KEY");
        }
        return missing;
    }

    public Duration timeoutDuration() {
        return timeoutDuration(timeout);
    }

    public int concurrency() {
        return maxConcurrency == null ? 4 : maxConcurrency;
    }

    public int contextWindow() {
        return contextTokens == null ? 32_000 : contextTokens;
    }

    public double sampling() {
        return temperature == null ? 0.7 : temperature;
    }

    public boolean fallsBackToExtractive() {
        return "extractive".equals(fallback);
    }

    /** {@code provider/model}, as shown to clients. */
    public String modelName() {
        return provider + "/" + model;
    }

    private static Duration timeoutDuration(String value) {
        if (value == null) {
            return Duration.ofSeconds(120);
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("PODLOOM_LLM_TIMEOUT must be like 120s, 2m, 500ms or PT2M, not '"
                    + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
