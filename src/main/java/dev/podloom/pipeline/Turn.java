package dev.podloom.pipeline;

/** One line of dialogue: who says it and what they say. */
public record Turn(String speaker, String text) {
}
