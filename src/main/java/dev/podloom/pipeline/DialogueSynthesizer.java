package dev.podloom.pipeline;

import java.util.List;

/**
 * An engine that speaks several consecutive turns, in different voices, in one call (Gemini multi-speaker,
 * ElevenLabs text-to-dialogue), and says where each turn lies in the audio: the provider's timestamps where it
 * gives them, else an alignment on the silences between turns. The renderer cuts the audio at those places, so
 * the transcript, chapters and length steering work on turns as with any other engine.
 *
 * <p>Callers group lines into calls of at most {@link #maxCharactersPerCall()} characters and
 * {@link #maxSpeakersPerCall()} distinct speakers; a single longer line goes alone.
 */
public interface DialogueSynthesizer {

    /** One turn to speak: who says it (the script's speaker name), what, and in which of this engine's voices. */
    record Line(String speaker, String text, Voice voice) {
    }

    /** Where one line's speech lies in the dialogue audio, in seconds from its start. */
    record LineTiming(double startSeconds, double endSeconds) {
        public LineTiming {
            if (!(endSeconds >= startSeconds) || startSeconds < 0) {
                throw new IllegalArgumentException("bad line timing " + startSeconds + "–" + endSeconds);
            }
        }
    }

    /**
     * The audio of a call, one timing per line in order, and what the provider billed for it in characters
     * (its own figure where it reports one, else the characters sent).
     */
    record SpokenDialogue(AudioClip audio, List<LineTiming> lines, long billedCharacters) {
        public SpokenDialogue {
            lines = List.copyOf(lines);
        }
    }

    /** Engine id, the same as the {@link SpeechSynthesizer}'s that offers this. */
    String engine();

    int maxCharactersPerCall();

    int maxSpeakersPerCall();

    /** Speaks {@code lines} in one call (or as few as the provider needs); safe to call from several threads. */
    SpokenDialogue synthesizeDialogue(List<Line> lines);
}
