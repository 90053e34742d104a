package dev.podloom.pipeline;

import java.util.List;

/**
 * One line of dialogue: who says it, what they say and, for a turn that states a fact, the ids of the
 * {@link Passage}s of the sources it rests on (empty for framing: greetings, questions, transitions, sign-offs).
 */
public record Turn(String speaker, String text, List<Integer> cites) {

    public Turn {
        cites = cites == null ? List.of() : List.copyOf(cites);
    }

    public Turn(String speaker, String text) {
        this(speaker, text, List.of());
    }
}
