package dev.podloom.llm;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.Optional;

/**
 * The server's language model, when {@code PODLOOM_LLM_*} configure one. Absent configuration leaves
 * {@link #configured()} empty and nothing else changes.
 */
@Singleton
public class LanguageModels {

    private final LlmSettings settings;
    private final LanguageModel model;

    public LanguageModels(LlmSettings settings, Clock clock) {
        this.settings = settings;
        this.model = settings.configured()
                ? new LangChainLanguageModel(settings, new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .build(), clock)
                : null;
    }

    public Optional<LanguageModel> configured() {
        return Optional.ofNullable(model);
    }

    public LlmSettings settings() {
        return settings;
    }
}
