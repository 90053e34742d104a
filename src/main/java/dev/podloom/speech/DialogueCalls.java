package dev.podloom.speech;

import dev.podloom.pipeline.DialogueSynthesizer.Line;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups consecutive dialogue lines into provider calls: at most {@code maxCharacters} characters and
 * {@code maxSpeakers} distinct speakers a call, in order; a line longer than the limit goes alone.
 */
public final class DialogueCalls {

    private DialogueCalls() {
    }

    public static List<List<Line>> group(List<Line> lines, int maxCharacters, int maxSpeakers) {
        List<List<Line>> calls = new ArrayList<>();
        List<Line> current = new ArrayList<>();
        Set<String> speakers = new HashSet<>();
        int characters = 0;
        for (Line line : lines) {
            boolean newSpeaker = !speakers.contains(line.speaker());
            boolean full = characters + line.text().length() > maxCharacters
                    || newSpeaker && speakers.size() >= maxSpeakers;
            if (!current.isEmpty() && full) {
                calls.add(List.copyOf(current));
                current.clear();
                speakers.clear();
                characters = 0;
            }
            current.add(line);
            speakers.add(line.speaker());
            characters += line.text().length();
        }
        if (!current.isEmpty()) {
            calls.add(List.copyOf(current));
        }
        return calls;
    }
}
