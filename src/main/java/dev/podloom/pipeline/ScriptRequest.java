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
 * @param profiles      roles and personas of the speakers that have them (writers that cannot use them ignore them)
 * @param seed          a seed for writers that sample (language models), or null
 */
public record ScriptRequest(List<SourceDocument> sources, String style, int targetWords, String customFocus,
                            Map<String, Double> sourceWeights, String language, List<String> speakers,
                            List<SpeakerProfile> profiles, Long seed) {

    public ScriptRequest {
        sources = List.copyOf(sources);
        sourceWeights = sourceWeights == null ? Map.of() : Map.copyOf(sourceWeights);
        speakers = List.copyOf(speakers);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    public ScriptRequest(List<SourceDocument> sources, String style, int targetWords, String customFocus,
                         Map<String, Double> sourceWeights, String language, List<String> speakers) {
        this(sources, style, targetWords, customFocus, sourceWeights, language, speakers, List.of(), null);
    }

    /** The same request with another word budget. */
    public ScriptRequest withTargetWords(int words) {
        return new ScriptRequest(sources, style, words, customFocus, sourceWeights, language, speakers, profiles, seed);
    }
}
