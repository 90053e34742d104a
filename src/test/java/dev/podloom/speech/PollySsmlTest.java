package dev.podloom.speech;

import dev.podloom.normalize.SpeechNormalizer;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.pipeline.SpeechSynthesizer.PhonemeInput;
import dev.podloom.testsupport.FakePollyServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Amazon Polly is sent for a turn: escaped SSML, lexicon fragments kept whole, at most 3,000 billed characters. */
class PollySsmlTest {

    static final Pronunciation SQL = new Pronunciation("SQL", null, "ˈsiːkwəl");
    static final Pronunciation PODLOOM = new Pronunciation("Podloom", "pod loom", null);

    @Test
    void aShortTurnIsOneSpeakDocumentWithItsTextEscaped() {
        List<PollySsml.Chunk> chunks = PollySsml.chunks("Tom & Jerry said \"hi\" <loudly>.", 3000);

        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.ssml()).isEqualTo("<speak>Tom &amp; Jerry said &quot;hi&quot; &lt;loudly&gt;.</speak>");
            assertThat(c.billedCharacters()).isEqualTo("Tom & Jerry said \"hi\" <loudly>.".length());
            assertThat(FakePollyServer.spokenText(c.ssml())).isEqualTo("Tom & Jerry said \"hi\" <loudly>.");
        });
    }

    @Test
    void lexiconEntriesBecomeAPhonemeTagForIpaAndASubTagForARespelling() {
        String text = Lexicon.apply("Podloom speaks SQL.", List.of(SQL, PODLOOM), PhonemeInput.SSML);

        assertThat(text).isEqualTo("<sub alias=\"pod loom\">Podloom</sub> speaks "
                + "<phoneme alphabet=\"ipa\" ph=\"ˈsiːkwəl\">SQL</phoneme>.");
        assertThat(PollySsml.chunks(text, 3000)).singleElement().satisfies(c -> {
            assertThat(c.ssml()).isEqualTo("<speak>" + text + "</speak>");
            assertThat(c.billedCharacters()).isEqualTo("Podloom speaks SQL.".length());
        });
    }

    @Test
    void theSpeechNormalizerLeavesTheLexiconsSsmlAloneAndNormalizesTheRest() {
        String text = Lexicon.apply("In 2024 SQL had 3 rivals.", List.of(SQL), PhonemeInput.SSML);

        String normalized = SpeechNormalizer.normalize(text, "en-US");

        assertThat(normalized).contains("<phoneme alphabet=\"ipa\" ph=\"ˈsiːkwəl\">SQL</phoneme>")
                .contains("twenty twenty four").contains("three").doesNotContain("2024");
    }

    @Test
    void aLongTurnIsSplitAtSentenceEndsIntoRequestsOfAtMost3000BilledCharacters() {
        String sentence = "Podloom turns the article into a conversation that two hosts can read aloud. ";
        String text = Lexicon.apply(sentence.repeat(120), List.of(PODLOOM, SQL), PhonemeInput.SSML);

        List<PollySsml.Chunk> chunks = PollySsml.chunks(text, PollySsml.MAX_BILLED_CHARACTERS);

        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> {
            assertThat(c.billedCharacters()).isLessThanOrEqualTo(3000);
            assertThat(c.ssml().length()).isLessThanOrEqualTo(6000);
            assertThat(c.ssml()).startsWith("<speak><sub alias=\"pod loom\">Podloom</sub> turns").endsWith(".</speak>");
            assertThat(FakePollyServer.spokenText(c.ssml())).hasSize(c.billedCharacters());
        });
        // The chunks are the text split at spaces between sentences.
        assertThat(chunks.stream().mapToInt(PollySsml.Chunk::billedCharacters).sum() + chunks.size() - 1)
                .isEqualTo(sentence.repeat(120).strip().length());
    }

    @Test
    void aTurnDenseWithLexiconTagsStaysUnder6000TotalCharacters() {
        String text = Lexicon.apply("SQL ".repeat(1400), List.of(SQL), PhonemeInput.SSML);

        List<PollySsml.Chunk> chunks = PollySsml.chunks(text, PollySsml.MAX_BILLED_CHARACTERS);

        assertThat(chunks).allSatisfy(c -> assertThat(c.ssml().length()).isLessThanOrEqualTo(6000));
        assertThat(chunks.stream().mapToInt(c -> c.ssml().split("<phoneme ").length - 1).sum()).isEqualTo(1400);
    }

    @Test
    void markupWrittenInTheScriptItselfIsEscapedNotPassedOn() {
        List<PollySsml.Chunk> chunks = PollySsml.chunks("Say <break time=\"3s\"/> now.", 3000);

        assertThat(chunks.getFirst().ssml()).doesNotContain("<break").contains("&lt;break");
    }
}
