package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;

/** One script turn with the speech synthesized for it. */
public record SpokenTurn(String speaker, String text, AudioClip audio) {
}
