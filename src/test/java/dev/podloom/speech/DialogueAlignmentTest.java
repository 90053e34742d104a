package dev.podloom.speech;

import dev.podloom.audio.Resampler;
import dev.podloom.audio.TurnAudio;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer.LineTiming;
import dev.podloom.pipeline.DialogueSynthesizer.SpokenDialogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Finding turns on the pauses of real speech (FreeTTS), where sentence pauses inside a turn also exist. */
class DialogueAlignmentTest {

    final FreeTtsSynthesizer tts = new FreeTtsSynthesizer();

    static final List<String> LINES = List.of(
            "Welcome back. Today we are talking about lighthouses, and why so many of them still stand.",
            "Right.",
            "The oldest ones were built of stone. Some are more than two hundred years old. They survived storms.",
            "That is remarkable. How were they lit before electricity?",
            "With oil lamps and mirrors. Later, with huge glass lenses that could throw light for miles.",
            "And the keepers lived right there?");

    @Test
    void eachLineIsFoundWhereItWasSpokenWhenTurnsPauseNoLongerThanSentences() {
        assertLinesFound(LINES, 0.25);
    }

    @Test
    void aCallOfAboutThreeMinutesIsCutRightToo() {
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            lines.addAll(LINES);
        }
        assertLinesFound(lines, 0.3);
    }

    void assertLinesFound(List<String> texts, double pause) {
        List<float[]> parts = new ArrayList<>();
        for (String text : texts) {
            AudioClip clip = tts.synthesize(text, tts.voices().getFirst());
            parts.add(Resampler.resample(clip.samples(), clip.sampleRate(), 24_000));
            parts.add(new float[(int) (24_000 * pause)]);
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] audio = new float[total];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, audio, pos, p.length);
            pos += p.length;
        }
        int[] letters = texts.stream().mapToInt(VoiceCatalog::spokenCharacters).toArray();
        AudioClip dialogue = new AudioClip(audio, 24_000);

        List<LineTiming> timings = DialogueAlignment.onSilences(dialogue, letters);
        List<AudioClip> cut = DialogueAlignment.cut(new SpokenDialogue(dialogue, timings, 0));

        assertThat(timings).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            double expected = TurnAudio.of(new AudioClip(parts.get(2 * i), 24_000)).durationSeconds();
            assertThat(TurnAudio.of(cut.get(i)).durationSeconds()).as(i + ": " + texts.get(i)).isCloseTo(expected, within(0.3));
        }
        assertThat(cut.stream().mapToInt(c -> c.samples().length).sum()).isEqualTo(total);
    }

    @Test
    void withTooFewPausesTheLinesShareTheSpeechInProportionToTheirLetters() {
        float[] tone = new float[24_000 * 3];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 24_000.0));
        }

        List<LineTiming> timings = DialogueAlignment.onSilences(new AudioClip(tone, 24_000), new int[] {10, 20});

        assertThat(timings.get(0).startSeconds()).isCloseTo(0, within(0.02));
        assertThat(timings.get(0).endSeconds()).isCloseTo(1, within(0.05));
        assertThat(timings.get(1).endSeconds()).isCloseTo(3, within(0.02));
    }
}
