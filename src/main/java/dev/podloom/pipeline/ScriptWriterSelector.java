package dev.podloom.pipeline;

/** Finds the script writer a request asked for ({@code extractive} or {@code llm}). */
@FunctionalInterface
public interface ScriptWriterSelector {

    ScriptWriter select(String writer);
}
