package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;

/** One script turn with the speech synthesized for it (trimmed, at the episode rate; see {@link TurnAudio}). */
public record SpokenTurn(String speaker, String text, TurnAudio audio) {

    /** A turn whose speech is kept in memory, for short episodes, predictions and tests. */
    public SpokenTurn(String speaker, String text, AudioClip clip) {
        this(speaker, text, TurnAudio.of(clip));
    }
}
