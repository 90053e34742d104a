package dev.podloom.pipeline;

import java.nio.file.Path;

/**
 * A show's own audio for one episode, as local files (mono WAV, written when the show uploaded them): an intro played
 * before the speech, an outro after it, and a music bed looped under the speech. Any of them may be null.
 */
public record ShowAudio(Path intro, Path outro, Path bed) {

    public static final ShowAudio NONE = new ShowAudio(null, null, null);

    public boolean isEmpty() {
        return intro == null && outro == null && bed == null;
    }
}
