package dev.podloom.script;

import dev.podloom.llm.LanguageModels;
import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.ScriptWriter;
import dev.podloom.pipeline.ScriptWriterSelector;
import jakarta.inject.Singleton;

/**
 * The writers a request can choose: {@code extractive} (offline, always there) and {@code llm} (when
 * {@code PODLOOM_LLM_*} configure a model). {@link #resolve} turns a request's {@code script_writer}
 * ({@code auto}, {@code llm}, {@code extractive}) into the writer that will be used.
 */
@Singleton
public class ScriptWriterSelection implements ScriptWriterSelector {

    private final ExtractiveScriptWriter extractive;
    private final LanguageModels models;
    private final LlmScriptWriter llm;

    public ScriptWriterSelection(ExtractiveScriptWriter extractive, LanguageModels models) {
        this.extractive = extractive;
        this.models = models;
        this.llm = models.configured().map(model -> new LlmScriptWriter(model, new Prompts(), extractive,
                models.settings().fallsBackToExtractive())).orElse(null);
    }

    @Override
    public ScriptWriter select(String writer) {
        if (Authorship.LLM.equals(writer)) {
            if (llm == null) {
                throw new PipelineException(FailureCode.LLM_NOT_CONFIGURED, "No language model is configured; set "
                        + models.settings().missing());
            }
            return llm;
        }
        return extractive;
    }

    /** Whether a language model is configured. */
    public boolean llmConfigured() {
        return llm != null;
    }

    /** The configured model's {@code provider/model}, or null. */
    public String modelName() {
        return llm == null ? null : models.settings().modelName();
    }

    /**
     * The writer a request's {@code script_writer} means: {@code auto} (or absent) is the language model when one is
     * configured, else the extractive writer; {@code llm} without a model is {@code LLM_NOT_CONFIGURED}.
     */
    public String resolve(String requested) {
        if (requested == null || requested.equals("auto")) {
            return llm != null ? Authorship.LLM : Authorship.EXTRACTIVE;
        }
        if (requested.equals(Authorship.LLM) && llm == null) {
            throw new PipelineException(FailureCode.LLM_NOT_CONFIGURED, "script_writer 'llm' needs a language model");
        }
        return requested;
    }

    /** What an operator still has to set for {@code llm} to work. */
    public java.util.List<String> missingSettings() {
        return models.settings().missing();
    }
}
