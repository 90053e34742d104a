package dev.podloom.pipeline;

/**
 * Translates a written script into another language turn by turn: the same speakers in the same order, the same
 * number of turns, each turn citing what it cited, the same chapters at the same turns (their titles translated).
 * A translated podcast is spoken from what this returns instead of from a freshly written script.
 */
public interface ScriptTranslator {

    /**
     * @param fromLanguage the script's language (BCP-47)
     * @param toLanguage   the language to translate into (BCP-47)
     * @throws PipelineException {@code LLM_NOT_CONFIGURED} without a model, a provider's {@code LLM_*} failure, or
     *                           {@link FailureCode#LLM_TRANSLATION_MISMATCH} when the model keeps changing the turns
     */
    Script translate(Script script, String fromLanguage, String toLanguage, ProgressListener progress);
}
