package dev.podloom.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished episode on local disk, ready to be stored.
 *
 * @param audio            the MP3 (ID3v2 tags and chapters included)
 * @param transcript       WebVTT transcript with {@code <v Speaker>} cues
 * @param chapters         Podcasting 2.0 JSON chapters
 * @param durationSeconds  measured duration of the MP3
 * @param sourcesExhausted true when the sources were too short for the requested duration
 * @param stageMillis      wall time per stage (fetch, write, synthesize, master, encode)
 * @param speechCharacters characters sent to each speech engine for this episode, by engine id
 */
public record RenderedEpisode(Path audio, Path transcript, Path chapters, String title, double durationSeconds,
                              List<String> voiceIds, boolean sourcesExhausted, Script script,
                              Map<String, Long> stageMillis, Map<String, Long> speechCharacters) {

    public RenderedEpisode {
        speechCharacters = speechCharacters == null ? Map.of() : Map.copyOf(speechCharacters);
    }

    public RenderedEpisode(Path audio, Path transcript, Path chapters, String title, double durationSeconds,
                           List<String> voiceIds, boolean sourcesExhausted, Script script, Map<String, Long> stageMillis) {
        this(audio, transcript, chapters, title, durationSeconds, voiceIds, sourcesExhausted, script, stageMillis, Map.of());
    }
}
