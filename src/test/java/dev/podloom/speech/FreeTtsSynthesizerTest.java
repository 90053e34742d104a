package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.Voice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.podloom.speech.SpeechAssertions.assertSpeech;
import static dev.podloom.speech.SpeechAssertions.medianPitchHz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTtsSynthesizerTest {

    private static final String SENTENCE = "The library reopened three weeks early, and the volunteers sorted "
            + "more than forty thousand books by hand.";
    private static final int WORDS = SENTENCE.split("\\s+").length;

    private final FreeTtsSynthesizer freeTts = new FreeTtsSynthesizer();

    @Test
    void isAlwaysAvailableWithTwoEnglishVoices() {
        assertThat(freeTts.available()).isTrue();
        assertThat(freeTts.voices()).extracting(Voice::id).containsExactly("freetts-kevin", "freetts-kevin-bright");
        assertThat(freeTts.voices()).allSatisfy(v -> assertThat(v.language()).isEqualTo("en"));
    }

    @Test
    void speaksAudibleSixteenKilohertzSpeechOfPlausibleLength() {
        for (Voice voice : freeTts.voices()) {
            AudioClip clip = freeTts.synthesize(SENTENCE, voice);
            assertThat(clip.sampleRate()).isEqualTo(16_000);
            assertSpeech(clip, WORDS);
        }
    }

    @Test
    void brightHostSpeaksAtAClearlyHigherPitchThanTheMeasuredHost() {
        AudioClip low = freeTts.synthesize(SENTENCE, freeTts.voices().get(0));
        AudioClip bright = freeTts.synthesize(SENTENCE, freeTts.voices().get(1));
        assertThat(medianPitchHz(bright)).isGreaterThan(medianPitchHz(low) * 1.25);
    }

    @Test
    void speaksTheSameTurnsIdenticallyFromManyThreadsAtOnce() throws Exception {
        Voice voice = freeTts.voices().getFirst();
        AudioClip reference = freeTts.synthesize(SENTENCE, voice);
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<AudioClip>> jobs = IntStream.range(0, 12)
                    .<Callable<AudioClip>>mapToObj(i -> () -> freeTts.synthesize(SENTENCE, voice)).toList();
            for (Future<AudioClip> result : pool.invokeAll(jobs)) {
                assertThat(result.get().samples()).isEqualTo(reference.samples());
            }
        }
    }

    @Test
    void rejectsAVoiceOfAnotherEngine() {
        Voice foreign = new Voice("flite-rms", "flite", "en", "male", 16_000, "not FreeTTS");
        assertThatThrownBy(() -> freeTts.synthesize(SENTENCE, foreign))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_VOICE"));
    }
}
