package dev.podloom.script;

import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script before it is flattened into {@link Turn}s: each turn keeps its lines apart and knows which are verbatim
 * source sentences and which are framing, so the no-invented-content rule can be checked.
 */
record Draft(List<DraftTurn> turns, List<Segment> segments, int words) {

    /** One spoken line: a verbatim source sentence ({@code content}) or a framing phrase. */
    record Line(String text, boolean content) {
    }

    record DraftTurn(String speaker, List<Line> lines) {
        Turn toTurn() {
            return new Turn(speaker, lines.stream().map(Line::text).collect(Collectors.joining(" ")));
        }
    }
}
