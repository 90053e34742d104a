package dev.podloom.speech;

import dev.podloom.pipeline.Pronunciation;
import dev.podloom.pipeline.SpeechSynthesizer.PhonemeInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconTest {

    static final Pronunciation PODLOOM = new Pronunciation("Podloom", "pod loom", null);
    static final Pronunciation SQL = new Pronunciation("SQL", null, "ˈsiːkwəl");

    @Test
    void aRespellingReplacesTheTermInAnyCaseForAPlainTerm() {
        assertThat(Lexicon.apply("Podloom and podloom and PODLOOM.", List.of(PODLOOM), PhonemeInput.NONE))
                .isEqualTo("pod loom and pod loom and pod loom.");
    }

    @Test
    void onlyWholeWordsMatch() {
        assertThat(Lexicon.apply("Podlooms are not Podloom2 or xPodloom, but Podloom is.", List.of(PODLOOM), PhonemeInput.NONE))
                .isEqualTo("Podlooms are not Podloom2 or xPodloom, but pod loom is.");
    }

    @Test
    void aTermWithCapitalsInsideMatchesOnlyInItsOwnCase() {
        assertThat(Lexicon.apply("SQL is not sql and not SQLite.", List.of(SQL), PhonemeInput.NONE))
                .isEqualTo("seekwuhl is not sql and not SQLite.");
    }

    @Test
    void ipaBecomesEspeakPhonemesForEspeakAndARespellingElsewhere() {
        assertThat(Lexicon.apply("We use SQL.", List.of(SQL), PhonemeInput.ESPEAK)).isEqualTo("We use [['si:kw@l]].");
        assertThat(Lexicon.apply("We use SQL.", List.of(SQL), PhonemeInput.NONE)).isEqualTo("We use seekwuhl.");
    }

    @Test
    void theLongerTermWinsAndReplacedTextIsNotMatchedAgain() {
        var entries = List.of(new Pronunciation("New York", "noo york", null), new Pronunciation("York", "yawk", null),
                new Pronunciation("noo", "NEW", null));

        assertThat(Lexicon.apply("New York is not York.", entries, PhonemeInput.NONE)).isEqualTo("noo york is not yawk.");
    }

    @Test
    void noEntriesLeaveTheTextAlone() {
        assertThat(Lexicon.apply("Podloom.", List.of(), PhonemeInput.NONE)).isEqualTo("Podloom.");
    }
}
