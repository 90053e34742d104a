package dev.podloom.pipeline;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A podcast script: ordered turns, grouped into chapters.
 *
 * @param sourcesExhausted true when the sources held less text than the requested length needed
 * @param passages         the numbered source sentences the turns cite (empty when nothing is cited)
 * @param authorship       which writer wrote it and what the writing cost
 */
public record Script(String title, String style, List<Turn> turns, List<Segment> segments, boolean sourcesExhausted,
                     List<Passage> passages, Authorship authorship) {

    public Script {
        turns = List.copyOf(turns);
        segments = List.copyOf(segments);
        passages = passages == null ? List.of() : List.copyOf(passages);
        authorship = authorship == null ? Authorship.extractive() : authorship;
    }

    public Script(String title, String style, List<Turn> turns, List<Segment> segments, boolean sourcesExhausted) {
        this(title, style, turns, segments, sourcesExhausted, List.of(), Authorship.extractive());
    }

    /** The same script with other turns and chapters, keeping passages and authorship. */
    public Script withTurns(List<Turn> newTurns, List<Segment> newSegments) {
        return new Script(title, style, newTurns, newSegments, sourcesExhausted, passages, authorship);
    }

    public Script withAuthorship(Authorship newAuthorship) {
        return new Script(title, style, turns, segments, sourcesExhausted, passages, newAuthorship);
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

    /**
     * The script with {@code intro} read by {@code host} before the first turn and {@code outro} after the last one
     * (either may be null or blank: left out; a script without turns stays empty). The intro belongs to the first chapter, the outro to the last.
     */
    public Script framed(String host, String intro, String outro) {
        boolean opens = intro != null && !intro.isBlank();
        boolean closes = outro != null && !outro.isBlank();
        if (!opens && !closes || turns.isEmpty()) {
            return this;
        }
        List<Turn> framedTurns = new java.util.ArrayList<>();
        if (opens) {
            framedTurns.add(new Turn(host, intro.strip()));
        }
        framedTurns.addAll(turns);
        if (closes) {
            framedTurns.add(new Turn(host, outro.strip()));
        }
        int shift = opens ? 1 : 0;
        List<Segment> shifted = new java.util.ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            shifted.add(new Segment(s.title(), i == 0 ? 0 : s.firstTurn() + shift));
        }
        return withTurns(framedTurns, shifted);
    }
}
