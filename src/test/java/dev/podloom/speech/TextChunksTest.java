package dev.podloom.speech;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextChunksTest {

    @Test
    void shortTextIsOneChunk() {
        assertThat(TextChunks.split("  Hello there. How are you?  ", 100)).containsExactly("Hello there. How are you?");
    }

    @Test
    void sentencesArePackedUpToTheLimitAndNeverCutWhenTheyFit() {
        List<String> chunks = TextChunks.split("One two. Three four! Five six? Seven.", 20);

        assertThat(chunks).containsExactly("One two. Three four!", "Five six? Seven.");
    }

    @Test
    void aSentenceLongerThanTheLimitIsCutAtSpaces() {
        List<String> chunks = TextChunks.split("alpha beta gamma delta epsilon zeta eta theta", 12);

        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(12));
        assertThat(String.join(" ", chunks)).isEqualTo("alpha beta gamma delta epsilon zeta eta theta");
    }

    @Test
    void aWordLongerThanTheLimitIsCutHard() {
        assertThat(TextChunks.split("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void closingQuotesStayWithTheirSentence() {
        assertThat(TextChunks.sentences("He said \"stop.\" Then left.")).containsExactly("He said \"stop.\"", "Then left.");
    }
}
