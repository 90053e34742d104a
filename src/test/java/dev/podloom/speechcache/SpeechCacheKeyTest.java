package dev.podloom.speechcache;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.storage.ObjectKeys;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeechCacheKeyTest {

    private static final SpeechCacheKey KEY = new SpeechCacheKey("openai", "model=kokoro", "openai-af_bella",
            SpeechCacheKey.NO_LEXICON, "Welcome back to the show.");

    @Test
    void theSameEngineSettingsVoiceLexiconAndTextGiveTheSameKey() {
        assertThat(new SpeechCacheKey("openai", "model=kokoro", "openai-af_bella", "none", "Welcome back to the show.")
                .hash()).isEqualTo(KEY.hash()).hasSize(64);
    }

    @Test
    void anyFieldChangedGivesAnotherKey() {
        List<SpeechCacheKey> others = List.of(
                new SpeechCacheKey("elevenlabs", "model=kokoro", "openai-af_bella", "none", "Welcome back to the show."),
                new SpeechCacheKey("openai", "model=tts-2", "openai-af_bella", "none", "Welcome back to the show."),
                new SpeechCacheKey("openai", "model=kokoro", "openai-am_adam", "none", "Welcome back to the show."),
                new SpeechCacheKey("openai", "model=kokoro", "openai-af_bella", "3f2a", "Welcome back to the show."),
                new SpeechCacheKey("openai", "model=kokoro", "openai-af_bella", "none", "Welcome back to our show."));
        assertThat(others).extracting(SpeechCacheKey::hash).doesNotContain(KEY.hash()).doesNotHaveDuplicates();
    }

    @Test
    void fieldsCannotRunTogetherIntoAnotherKey() {
        assertThat(new SpeechCacheKey("a", "bc", "v", "none", "t").hash())
                .isNotEqualTo(new SpeechCacheKey("ab", "c", "v", "none", "t").hash());
    }

    @Test
    void theLexiconVersionChangesWithAnyEntryAndIsNoneForNoEntries() {
        String sequel = SpeechCacheKey.lexiconVersion(List.of(new Pronunciation("SQL", "sequel", null)));
        String ipa = SpeechCacheKey.lexiconVersion(List.of(new Pronunciation("SQL", null, "ˈsiːkwəl")));
        String letters = SpeechCacheKey.lexiconVersion(List.of(new Pronunciation("SQL", "ess cue ell", null)));

        assertThat(SpeechCacheKey.lexiconVersion(List.of())).isEqualTo(SpeechCacheKey.NO_LEXICON);
        assertThat(SpeechCacheKey.lexiconVersion(null)).isEqualTo(SpeechCacheKey.NO_LEXICON);
        assertThat(List.of(sequel, ipa, letters)).doesNotHaveDuplicates().doesNotContain(SpeechCacheKey.NO_LEXICON);
        assertThat(SpeechCacheKey.lexiconVersion(List.of(new Pronunciation("SQL", "sequel", null)))).isEqualTo(sequel);
        String withKey = new SpeechCacheKey("openai", "", "v", sequel, "SQL").hash();
        assertThat(withKey).isNotEqualTo(new SpeechCacheKey("openai", "", "v", letters, "SQL").hash());
    }

    @Test
    void aClipIsStoredUnderAValidObjectKey() {
        assertThat(ObjectKeys.isValid(SpeechCacheKey.objectKey(KEY.hash()))).isTrue();
        assertThat(SpeechCacheKey.objectKey(KEY.hash())).startsWith("speech-cache/" + KEY.hash().substring(0, 2) + "/");
    }

    @Test
    void aCachedClipReadsBackAsTheSamplesItWasWithin16BitPrecision() {
        float[] samples = {0f, 0.5f, -0.5f, 0.999f, -1f, 1f, 0.00001f};
        AudioClip back = ClipCodec.decode(ClipCodec.encode(new AudioClip(samples, 22_050)));

        assertThat(back.sampleRate()).isEqualTo(22_050);
        for (int i = 0; i < samples.length; i++) {
            assertThat(back.samples()[i]).isCloseTo(samples[i], org.assertj.core.data.Offset.offset(1f / 32768));
        }
        assertThat(ClipCodec.encode(new AudioClip(new float[10], 24_000))).hasSize(44 + 20);
    }

    @Test
    void aDamagedCachedClipIsRefused() {
        byte[] wav = ClipCodec.encode(new AudioClip(new float[100], 24_000));
        byte[] truncated = java.util.Arrays.copyOf(wav, wav.length - 3);

        assertThatThrownBy(() -> ClipCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClipCodec.decode("not a wav at all, but long enough to have a header...".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
