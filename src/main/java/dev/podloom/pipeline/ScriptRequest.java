package dev.podloom.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What a {@link ScriptWriter} is asked to write.
 *
 * @param sources       extracted sources, in the caller's order
 * @param style         one of {@link PodcastStyle}'s ids
 * @param targetWords   word budget for the whole script (the pipeline derives it from the target duration)
 * @param customFocus   optional focus terms that should rank higher (null when absent)
 * @param sourceWeights optional weight per source origin (missing origins weigh 1.0)
 * @param language      BCP-47 language of the sources and of the podcast
 * @param speakers      speaker names, host first; a one-voice style uses only the first
 */
public record ScriptRequest(List<SourceDocument> sources, String style, int targetWords, String customFocus,
                            Map<String, Double> sourceWeights, String language, List<String> speakers) {

    public ScriptRequest {
        sources = List.copyOf(sources);
        sourceWeights = sourceWeights == null ? Map.of() : Map.copyOf(sourceWeights);
        speakers = List.copyOf(speakers);
    }
}
