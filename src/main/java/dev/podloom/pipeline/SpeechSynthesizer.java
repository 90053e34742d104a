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

    /** Speaks one turn; must be safe to call from several threads at once. */
    AudioClip synthesize(String text, Voice voice);
}
