package dev.podloom.pipeline;

import java.util.List;

/**
 * One text-to-speech engine. Engines that are not installed report {@link #available()} false
 * and are left out of the voice catalog instead of failing at run time.
 */
public interface SpeechSynthesizer {

    /** Engine id, e.g. {@code flite}. */
    String engine();

    boolean available();

    List<Voice> voices();

    /** Provider model names this engine answers to as a {@code tts_model} (e.g. the configured OpenAI model). */
    default List<String> models() {
        return List.of();
    }

    /** Whether the engine runs here without a network provider. */
    default boolean offline() {
        return true;
    }

    /** How this engine takes phonemes in its text input, if at all (pronunciation lexicons use it). */
    enum PhonemeInput {
        /** Plain text only: lexicon entries are respelled. */
        NONE,
        /** eSpeak NG's {@code [[…]]} phoneme mnemonics inline in the text. */
        ESPEAK,
        /**
         * SSML fragments inline in the text (Amazon Polly): {@code <phoneme alphabet="ipa" ph="…">term</phoneme>}
         * for IPA entries, {@code <sub alias="…">term</sub>} for respelled ones; the engine escapes the rest.
         */
        SSML
    }

    default PhonemeInput phonemeInput() {
        return PhonemeInput.NONE;
    }

    /** How many turns are worth speaking at once (a provider engine's concurrency limit; cores otherwise). */
    default int maxConcurrency() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Everything besides voice and text that changes what this engine says (model, instructions, speed, server …),
     * as one string: part of the synthesis cache's key, so a clip is reused only for the same settings.
     */
    default String cacheSettings() {
        return "";
    }

    /**
     * The engine's whole-dialogue mode, when it has one and it is enabled: the renderer then speaks runs of
     * turns through it instead of one call per turn.
     */
    default java.util.Optional<DialogueSynthesizer> dialogue() {
        return java.util.Optional.empty();
    }

    /** Speaks one turn; must be safe to call from several threads at once. */
    AudioClip synthesize(String text, Voice voice);

    /** A turn's audio and the characters the engine counted for it (a provider's billed characters). */
    record Spoken(AudioClip clip, long characters) {
    }

    /**
     * Speaks one turn and says how many characters it cost: the characters sent, unless the engine learns the
     * billed count from its provider (Amazon Polly's {@code x-amzn-RequestCharacters}, which leaves out markup).
     */
    default Spoken speak(String text, Voice voice) {
        return new Spoken(synthesize(text, voice), text.length());
    }
}
