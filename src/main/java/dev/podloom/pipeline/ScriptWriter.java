package dev.podloom.pipeline;

/** Turns sources into a dialogue script. Offline default: extractive; an LLM writer can replace it. */
public interface ScriptWriter {

    Script write(ScriptRequest request);

    /**
     * A writer for the drafts of one script: the renderer asks again with corrected word budgets while it steers the
     * length, and a writer that can revise its last draft (a language model) keeps that draft in the returned
     * instance. Stateless writers return themselves.
     */
    default ScriptWriter forOneScript() {
        return this;
    }
}
