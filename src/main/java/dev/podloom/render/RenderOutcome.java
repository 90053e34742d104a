package dev.podloom.render;

import dev.podloom.audio.EncodedEpisode;
import dev.podloom.pipeline.RenderedEpisode;

/**
 * A rendered episode with what the pipeline measured on the way, for callers that report on it
 * (the {@code render} command, the benchmark).
 *
 * @param encoded        the encoder's result: loudness, true peak, MP3 size
 * @param targetSeconds  the requested duration (0 for a ready dialogue, which has no target)
 * @param writingRounds  how many times the script was written to hit the target length
 * @param fullSyntheses  how many drafts were synthesized in full (the sample of the first draft not counted)
 */
public record RenderOutcome(RenderedEpisode episode, EncodedEpisode encoded, double targetSeconds, int writingRounds,
                            int fullSyntheses) {
}
