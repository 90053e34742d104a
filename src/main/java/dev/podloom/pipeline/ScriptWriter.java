package dev.podloom.pipeline;

/** Turns sources into a dialogue script. Offline default: extractive; an LLM writer can replace it. */
public interface ScriptWriter {

    Script write(ScriptRequest request);
}
