package dev.podloom.speechcache;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import dev.podloom.storage.ObjectNotFoundException;
import dev.podloom.storage.ObjectStore;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Speech already made, reused: a clip is looked up by its {@link SpeechCacheKey} before its engine is called, and
 * every clip an engine makes is kept (object store + {@code speech_cache_entries}), so the turns of any render
 * with a cached engine are in the cache when it ends and a revision re-speaks only what changed.
 *
 * <p>Bounded: after each write the least recently used entries are evicted until the total is within
 * {@code PODLOOM_SPEECH_CACHE_MAX_BYTES}; entries unused for {@code PODLOOM_SPEECH_CACHE_MAX_AGE_DAYS} are removed
 * hourly ({@link SpeechCacheTasks}). The cache never fails a render: a lookup or a write that fails (storage or
 * database trouble, a damaged file) is logged and the engine speaks as if nothing were cached.
 */
@Singleton
public class SynthesisCache {

    /**
     * A clip, whether it came from the cache (no engine call) or was just synthesized, and the characters the engine
     * counted for it (0 from the cache).
     */
    public record Spoken(AudioClip clip, boolean fromCache, long characters) {
    }

    /** {@code PODLOOM_SPEECH_CACHE_ENGINES}: every engine that calls a network provider (the default). */
    public static final String PROVIDERS = "providers";
    /** {@code PODLOOM_SPEECH_CACHE_ENGINES}: every engine, offline ones included. */
    public static final String ALL = "all";
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final int EVICTION_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SynthesisCache.class);

    private final ObjectStore store;
    private final SpeechCacheIndex index;
    private final Clock clock;
    private final long maxBytes;
    private final Duration maxAge;
    private final String enginesSetting;
    private final Set<String> engines;

    @Inject
    public SynthesisCache(ObjectStore store, SpeechCacheIndex index, Clock clock,
                          @Value("${podloom.speech.cache.max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes,
                          @Value("${podloom.speech.cache.max-age-days:30}") int maxAgeDays,
                          @Value("${podloom.speech.cache.engines:" + PROVIDERS + "}") String engines) {
        if (maxBytes < 0 || maxAgeDays < 1) {
            throw new IllegalStateException("PODLOOM_SPEECH_CACHE_MAX_BYTES must be ≥ 0 and "
                    + "PODLOOM_SPEECH_CACHE_MAX_AGE_DAYS ≥ 1");
        }
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.maxAge = Duration.ofDays(maxAgeDays);
        this.enginesSetting = engines == null || engines.isBlank() ? PROVIDERS : engines.strip();
        this.engines = Arrays.stream(enginesSetting.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether clips of {@code engine} are cached (a bound of 0 bytes turns the cache off). */
    public boolean caches(SpeechSynthesizer engine) {
        if (maxBytes == 0) {
            return false;
        }
        return engines.contains(ALL) || engines.contains(engine.engine())
                || engines.contains(PROVIDERS) && !engine.offline();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The clip for {@code text} (normalized, lexicon applied) in {@code voice}: from the cache when it holds it, else
     * from {@code synthesize} (whose failures propagate: they are the engine's), then kept for next time.
     */
    public Spoken speak(SpeechSynthesizer engine, Voice voice, String text, String lexiconVersion,
                        Supplier<SpeechSynthesizer.Spoken> synthesize) {
        SpeechCacheKey key = new SpeechCacheKey(engine.engine(), engine.cacheSettings(), voice.id(), lexiconVersion, text);
        String hash = key.hash();
        Optional<AudioClip> cached = lookup(hash);
        if (cached.isPresent()) {
            return new Spoken(cached.get(), true, 0);
        }
        SpeechSynthesizer.Spoken spoken = synthesize.get();
        keep(hash, engine.engine(), spoken.clip());
        return new Spoken(spoken.clip(), false, spoken.characters());
    }

    /** The cached clip for this engine, voice, text and lexicon, if the cache holds it (never throws). */
    public Optional<AudioClip> cached(SpeechSynthesizer engine, Voice voice, String text, String lexiconVersion) {
        return lookup(new SpeechCacheKey(engine.engine(), engine.cacheSettings(), voice.id(), lexiconVersion, text).hash());
    }

    /** Keeps a clip made outside {@link #speak} (a line cut from a whole-dialogue call); never throws. */
    public void keep(SpeechSynthesizer engine, Voice voice, String text, String lexiconVersion, AudioClip clip) {
        keep(new SpeechCacheKey(engine.engine(), engine.cacheSettings(), voice.id(), lexiconVersion, text).hash(),
                engine.engine(), clip);
    }

    private Optional<AudioClip> lookup(String hash) {
        try {
            Optional<SpeechCacheIndex.Entry> entry = index.find(hash);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            String objectKey = entry.get().objectKey();
            byte[] bytes;
            try (InputStream in = store.open(objectKey, 0, entry.get().sizeBytes())) {
                bytes = in.readAllBytes();
            } catch (ObjectNotFoundException e) {
                index.remove(hash); // evicted by another node between the two reads, or lost: a miss
                return Optional.empty();
            }
            AudioClip clip = ClipCodec.decode(bytes);
            index.touch(hash, Instant.now(clock));
            return Optional.of(clip);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Speech cache lookup of {} failed ({}); synthesizing instead", hash, e.toString());
            return Optional.empty();
        }
    }

    private void keep(String hash, String engine, AudioClip clip) {
        byte[] bytes = ClipCodec.encode(clip);
        if (bytes.length > maxBytes) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("speech-cache-", ".wav");
            Files.write(file, bytes);
            String objectKey = SpeechCacheKey.objectKey(hash);
            store.put(objectKey, file, "audio/wav");
            index.record(hash, engine, objectKey, bytes.length, Instant.now(clock));
            evictOverBound();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Keeping speech clip {} in the cache failed ({}); the render goes on without it", hash, e.toString());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Evicts least recently used entries until the cache is within its bound; returns how many were removed. */
    public int evictOverBound() {
        int removed = 0;
        long total = index.totalBytes();
        while (total > maxBytes) {
            List<SpeechCacheIndex.Entry> oldest = index.leastRecentlyUsed(EVICTION_BATCH);
            if (oldest.isEmpty()) {
                break;
            }
            for (SpeechCacheIndex.Entry entry : oldest) {
                if (total <= maxBytes) {
                    break;
                }
                if (remove(entry)) {
                    removed++;
                }
                total -= entry.sizeBytes();
            }
            total = index.totalBytes();
        }
        return removed;
    }

    /** Removes entries unused for longer than the maximum age, then enforces the bound (the hourly task). */
    public int evictExpired() {
        int removed = 0;
        Instant cutoff = Instant.now(clock).minus(maxAge);
        List<SpeechCacheIndex.Entry> expired;
        do {
            expired = index.unusedSince(cutoff, EVICTION_BATCH);
            for (SpeechCacheIndex.Entry entry : expired) {
                if (remove(entry)) {
                    removed++;
                }
            }
        } while (expired.size() == EVICTION_BATCH);
        return removed + evictOverBound();
    }

    /** The row first (so no node looks the clip up any more), then its object; true when this call removed it. */
    private boolean remove(SpeechCacheIndex.Entry entry) {
        if (!index.remove(entry.cacheKey())) {
            return false;
        }
        try {
            store.delete(entry.objectKey());
        } catch (RuntimeException e) {
            LOG.warn("Deleting evicted speech clip {} failed ({}); it is no longer used", entry.objectKey(), e.toString());
        }
        return true;
    }

    @Override
    public String toString() {
        return "SynthesisCache[engines=" + enginesSetting + ", maxBytes=" + maxBytes + ", maxAge=" + maxAge + "]";
    }
}
