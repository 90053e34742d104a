package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;

/** Checks shared by the process-based engines. */
final class Speech {

    private Speech() {
    }

    /** Decodes an engine's WAV output; no audio at all is an engine failure, not an empty turn. */
    static AudioClip decode(String engine, byte[] wav) {
        AudioClip clip;
        try {
            clip = WavDecoder.decode(wav);
        } catch (IllegalArgumentException e) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, engine + " returned unreadable audio: " + e.getMessage(), e);
        }
        if (clip.samples().length == 0) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, engine + " returned no audio");
        }
        return clip;
    }
}
