package dev.podloom.pipeline;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A podcast script: ordered turns, grouped into chapters.
 *
 * @param sourcesExhausted true when the sources held less text than the requested length needed
 */
public record Script(String title, String style, List<Turn> turns, List<Segment> segments, boolean sourcesExhausted) {

    public Script {
        turns = List.copyOf(turns);
        segments = List.copyOf(segments);
    }

    /** Speakers in order of first appearance. */
    public List<String> speakers() {
        var seen = new LinkedHashSet<String>();
        turns.forEach(t -> seen.add(t.speaker()));
        return List.copyOf(seen);
    }

    public int wordCount() {
        return turns.stream().mapToInt(t -> t.text().isBlank() ? 0 : t.text().strip().split("\\s+").length).sum();
    }
}
