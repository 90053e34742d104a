package dev.podloom.speechcache;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.storage.ObjectStore;
import dev.podloom.storage.StoredObject;
import dev.podloom.testsupport.SettableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesis cache against the real object store and {@code speech_cache_entries}: hits skip the engine, the
 * size bound evicts the least recently used clips, old clips expire, and storage trouble only costs a synthesis.
 */
abstract class SpeechCacheContract {

    /** One second of a tone at 24 kHz: 48,044 bytes as a cached WAV. */
    static final long CLIP_BYTES = 44 + 2 * 24_000;

    @Inject
    ObjectStore store;
    @Inject
    SpeechCacheIndex index;

    final SettableClock clock = new SettableClock("2026-12-01T10:00:00Z");
    final CountingEngine engine = new CountingEngine();
    final Voice voice = engine.voices().getFirst();

    @BeforeEach
    void emptyCache() {
        for (SpeechCacheIndex.Entry e : index.leastRecentlyUsed(10_000)) {
            index.remove(e.cacheKey());
            store.delete(e.objectKey());
        }
        engine.calls.set(0);
    }

    SynthesisCache cache(long maxBytes) {
        return new SynthesisCache(store, index, clock, maxBytes, 30, SynthesisCache.PROVIDERS);
    }

    @Test
    void aTurnSpokenBeforeIsServedFromTheCacheWithoutCallingTheEngine() {
        SynthesisCache cache = cache(10 * CLIP_BYTES);

        var first = speak(cache, "Welcome back to the show.", "none");
        var second = speak(cache, "Welcome back to the show.", "none");

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(second.clip().sampleRate()).isEqualTo(first.clip().sampleRate());
        assertThat(second.clip().samples()).hasSameSizeAs(first.clip().samples());
        assertThat(second.clip().samples()[1000]).isCloseTo(first.clip().samples()[1000], org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void anotherLexiconVersionIsAnotherEntrySoTheEngineSpeaksAgain() {
        SynthesisCache cache = cache(10 * CLIP_BYTES);

        speak(cache, "We use SQL every day.", "none");
        var relexed = speak(cache, "We use SQL every day.", SpeechCacheKey.lexiconVersion(
                List.of(new dev.podloom.pipeline.Pronunciation("SQL", "sequel", null))));

        assertThat(relexed.fromCache()).isFalse();
        assertThat(engine.calls.get()).isEqualTo(2);
        assertThat(index.count()).isEqualTo(2);
    }

    @Test
    void theCacheStaysWithinItsBoundByEvictingTheLeastRecentlyUsedClips() {
        SynthesisCache cache = cache(3 * CLIP_BYTES);
        speak(cache, "one", "none");
        speak(cache, "two", "none");
        speak(cache, "three", "none");
        speak(cache, "one", "none"); // used again: now "two" is the least recently used
        int calls = engine.calls.get();

        speak(cache, "four", "none");

        assertThat(index.totalBytes()).isLessThanOrEqualTo(3 * CLIP_BYTES);
        assertThat(index.count()).isEqualTo(3);
        assertThat(speak(cache, "one", "none").fromCache()).isTrue();
        assertThat(speak(cache, "four", "none").fromCache()).isTrue();
        assertThat(engine.calls.get()).isEqualTo(calls + 1);
        assertThat(speak(cache, "two", "none").fromCache()).as("evicted").isFalse();
        // Keeping "two" again evicts "three", now the least recently used, object and all.
        assertThat(store.stat(SpeechCacheKey.objectKey(key("three").hash()))).isEmpty();
        assertThat(store.stat(SpeechCacheKey.objectKey(key("two").hash()))).isPresent();
        assertThat(index.count()).isEqualTo(3);
    }

    @Test
    void clipsUnusedForLongerThanTheMaximumAgeAreRemovedWithTheirObjects() {
        SynthesisCache cache = cache(10 * CLIP_BYTES);
        speak(cache, "old news", "none");
        clock.advance(Duration.ofDays(20));
        speak(cache, "fresh news", "none");
        clock.advance(Duration.ofDays(11));

        int removed = cache.evictExpired();

        assertThat(removed).isEqualTo(1);
        assertThat(store.stat(SpeechCacheKey.objectKey(key("old news").hash()))).isEmpty();
        assertThat(speak(cache, "fresh news", "none").fromCache()).isTrue();
        assertThat(speak(cache, "old news", "none").fromCache()).isFalse();
    }

    @Test
    void aStoreThatFailsCostsASynthesisButNeverTheTurn() {
        SynthesisCache broken = new SynthesisCache(new FailingStore(), index, clock, 10 * CLIP_BYTES, 30,
                SynthesisCache.PROVIDERS);

        var first = speak(broken, "Storage is down today.", "none");
        var second = speak(broken, "Storage is down today.", "none");

        assertThat(first.clip().samples()).isNotEmpty();
        assertThat(second.fromCache()).isFalse();
        assertThat(engine.calls.get()).isEqualTo(2);
    }

    @Test
    void aDamagedOrVanishedClipIsAMissNotAFailure() throws Exception {
        SynthesisCache cache = cache(10 * CLIP_BYTES);
        speak(cache, "A line to damage.", "none");
        speak(cache, "A line to lose.", "none");
        Path junk = java.nio.file.Files.createTempFile("junk", ".wav");
        java.nio.file.Files.writeString(junk, "not audio");
        store.put(SpeechCacheKey.objectKey(key("A line to damage.").hash()), junk, "audio/wav");
        store.delete(SpeechCacheKey.objectKey(key("A line to lose.").hash()));

        assertThat(speak(cache, "A line to damage.", "none").fromCache()).isFalse();
        assertThat(speak(cache, "A line to lose.", "none").fromCache()).isFalse();
        assertThat(speak(cache, "A line to damage.", "none").fromCache()).as("kept again").isTrue();
        assertThat(engine.calls.get()).isEqualTo(4);
    }

    @Test
    void theVoiceCatalogReusesCachedSpeechForProviderEnginesOnly() {
        SynthesisCache cache = cache(10 * CLIP_BYTES);
        CountingEngine offline = new CountingEngine("offlinetts", true);
        VoiceCatalog catalog = new VoiceCatalog(List.of(engine, offline), VoiceCatalog.DEFAULT_ALIASES, cache);

        var first = catalog.speak("Hello there.", voice, "none");
        var again = catalog.speak("Hello there.", voice, "none");
        catalog.speak("Hello there.", offline.voices().getFirst(), "none");
        catalog.speak("Hello there.", offline.voices().getFirst(), "none");

        assertThat(first.characters()).isEqualTo("Hello there.".length());
        assertThat(again.characters()).as("from the cache: nothing sent").isZero();
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(offline.calls.get()).as("offline engines are not cached by default").isEqualTo(2);
    }

    private SynthesisCache.Spoken speak(SynthesisCache cache, String text, String lexicon) {
        clock.advance(Duration.ofSeconds(1));
        return cache.speak(engine, voice, text, lexicon, () -> engine.speak(text, voice));
    }

    private SpeechCacheKey key(String text) {
        return new SpeechCacheKey(engine.engine(), engine.cacheSettings(), voice.id(), "none", text);
    }

    /** A provider-like engine answering one second of tone per call, counting the calls. */
    static final class CountingEngine implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();
        private final String id;
        private final boolean offline;

        CountingEngine() {
            this("cloudtts", false);
        }

        CountingEngine(String id, boolean offline) {
            this.id = id;
            this.offline = offline;
        }

        @Override
        public String engine() {
            return id;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public boolean offline() {
            return offline;
        }

        @Override
        public List<Voice> voices() {
            return List.of(new Voice(id + "-one", id, "en", "female", 24_000, "test voice"));
        }

        @Override
        public String cacheSettings() {
            return "model=test";
        }

        @Override
        public AudioClip synthesize(String text, Voice voice) {
            calls.incrementAndGet();
            float[] samples = new float[24_000];
            double pitch = 150 + (text.hashCode() & 0xff);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * pitch * i / 24_000));
            }
            return new AudioClip(samples, 24_000);
        }
    }

    /** An object store that is down. */
    static final class FailingStore implements ObjectStore {
        @Override
        public void put(String key, Path file, String contentType) {
            throw new IllegalStateException("storage down");
        }

        @Override
        public Optional<StoredObject> stat(String key) {
            throw new IllegalStateException("storage down");
        }

        @Override
        public InputStream open(String key, long offset, long length) {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public void delete(String key) {
            throw new IllegalStateException("storage down");
        }

        @Override
        public URI downloadUrl(String key, Duration ttl, String downloadFileName) {
            throw new IllegalStateException("storage down");
        }
    }
}
