package dev.podloom.translations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podloom.pipeline.Turn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranslationAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void turnsAreCutIntoConsecutiveBatchesByCountAndLengthEachTurnOnce() {
        List<Turn> turns = IntStream.range(0, 7).mapToObj(i -> new Turn("Alex", "x".repeat(i == 4 ? 50 : 10)))
                .toList();

        assertThat(TranslationAnswers.batches(turns, 3, 1000))
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(TranslationAnswers.batches(turns, 10, 40))
                .containsExactly(List.of(0, 1, 2, 3), List.of(4), List.of(5, 6));
        assertThat(TranslationAnswers.batches(List.of(), 3, 100)).isEmpty();
    }

    @Test
    void anAnswerWithTheSameTurnsGivesTheirTextsInOrder() throws Exception {
        var answer = JSON.readTree("{\"turns\":[{\"index\":4,\"text\":\" Bonjour \"},{\"index\":5,\"text\":\"Salut\"}]}");

        assertThat(TranslationAnswers.turns(answer, List.of(4, 5))).containsExactly("Bonjour", "Salut");
    }

    @Test
    void anAnswerThatDropsReordersOrEmptiesATurnIsAMismatchSayingWhat() throws Exception {
        var dropped = JSON.readTree("{\"turns\":[{\"index\":4,\"text\":\"Bonjour\"}]}");
        var reordered = JSON.readTree("{\"turns\":[{\"index\":5,\"text\":\"a\"},{\"index\":4,\"text\":\"b\"}]}");
        var empty = JSON.readTree("{\"turns\":[{\"index\":4,\"text\":\"a\"},{\"index\":5,\"text\":\" \"}]}");
        var none = JSON.readTree("{\"text\":\"a\"}");

        assertThatThrownBy(() -> TranslationAnswers.turns(dropped, List.of(4, 5)))
                .isInstanceOf(TranslationAnswers.Mismatch.class).hasMessageContaining("given 2 turns and answered with 1");
        assertThatThrownBy(() -> TranslationAnswers.turns(reordered, List.of(4, 5)))
                .isInstanceOf(TranslationAnswers.Mismatch.class).hasMessageContaining("index 4 was expected");
        assertThatThrownBy(() -> TranslationAnswers.turns(empty, List.of(4, 5)))
                .isInstanceOf(TranslationAnswers.Mismatch.class).hasMessageContaining("index 5 has no text");
        assertThatThrownBy(() -> TranslationAnswers.turns(none, List.of(4, 5)))
                .isInstanceOf(TranslationAnswers.Mismatch.class).hasMessageContaining("no \"turns\"");
    }

    @Test
    void titlesMustKeepEveryChapter() throws Exception {
        var ok = JSON.readTree("{\"title\":\"Vélos\",\"segments\":[\"Un\",\"Deux\"]}");
        var short1 = JSON.readTree("{\"title\":\"Vélos\",\"segments\":[\"Un\"]}");

        assertThat(TranslationAnswers.titles(ok, 2)).containsExactly("Vélos", "Un", "Deux");
        assertThatThrownBy(() -> TranslationAnswers.titles(short1, 2)).isInstanceOf(TranslationAnswers.Mismatch.class);
    }
}
