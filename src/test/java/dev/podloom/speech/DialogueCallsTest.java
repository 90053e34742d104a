package dev.podloom.speech;

import dev.podloom.pipeline.DialogueSynthesizer.Line;
import dev.podloom.pipeline.Voice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DialogueCallsTest {

    static final Voice V = new Voice("gemini-Kore", "gemini", "en", "female", 24_000, "");

    static Line line(String speaker, int characters) {
        return new Line(speaker, "x".repeat(characters), V);
    }

    @Test
    void linesStayInOrderAndNoCallHoldsMoreCharactersThanTheLimit() {
        List<Line> lines = List.of(line("A", 40), line("B", 40), line("A", 40), line("B", 40), line("A", 40));

        List<List<Line>> calls = DialogueCalls.group(lines, 100, 2);

        assertThat(calls).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(calls.stream().flatMap(List::stream).toList()).isEqualTo(lines);
    }

    @Test
    void aThirdSpeakerStartsANewCallWhenTwoAreTheMostACallTakes() {
        List<Line> lines = List.of(line("A", 10), line("B", 10), line("C", 10), line("A", 10));

        assertThat(DialogueCalls.group(lines, 1000, 2)).extracting(List::size).containsExactly(2, 2);
        assertThat(DialogueCalls.group(lines, 1000, 10)).extracting(List::size).containsExactly(4);
    }

    @Test
    void aLineLongerThanTheLimitGoesAlone() {
        List<Line> lines = List.of(line("A", 10), line("B", 500), line("A", 10));

        assertThat(DialogueCalls.group(lines, 100, 2)).extracting(List::size).containsExactly(1, 1, 1);
    }
}
