package dev.podloom.shows;

import dev.podloom.audio.AudioFiles;
import dev.podloom.audio.LoudnessMeter;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.podcasts.ShowAudioSource;
import dev.podloom.storage.ObjectStore;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A show's intro, outro and music bed: checks an upload (type, size, that it decodes, how long it lasts, that it is
 * not silent), stores it as a mono WAV at the episode rate, and tells the render job where to find it.
 */
@Singleton
public class ShowAudioLibrary implements ShowAudioSource {

    /** Default of {@code PODLOOM_SHOW_AUDIO_MAX_BYTES}. */
    public static final long DEFAULT_MAX_BYTES = 10L << 20;
    /** Bodies above 50 MB never reach the application ({@code micronaut.server.max-request-size}). */
    static final long MAX_CONFIGURABLE_BYTES = 50L << 20;
    static final List<String> ACCEPTED_TYPES = List.of("audio/mpeg", "audio/wav");
    private static final Map<String, AudioFiles.Container> CONTENT_TYPES = Map.of(
            "audio/mpeg", AudioFiles.Container.MP3, "audio/mp3", AudioFiles.Container.MP3,
            "audio/mpeg3", AudioFiles.Container.MP3, "audio/x-mpeg-3", AudioFiles.Container.MP3,
            "audio/wav", AudioFiles.Container.WAV, "audio/x-wav", AudioFiles.Container.WAV,
            "audio/wave", AudioFiles.Container.WAV, "audio/vnd.wave", AudioFiles.Container.WAV);

    /** An upload that passed every check, decoded to mono at the episode rate. */
    public record CheckedAudio(AudioClip clip, AudioFiles.Container container, long uploadedBytes) {
    }

    private final ShowAudioRepository audio;
    private final Shows shows;
    private final ObjectStore store;
    private final Clock clock;
    private final long maxBytes;

    public ShowAudioLibrary(ShowAudioRepository audio, Shows shows, ObjectStore store, Clock clock,
                            @Value("${podloom.show-audio.max-bytes:10485760}") long maxBytes) {
        this.audio = audio;
        this.shows = shows;
        this.store = store;
        this.clock = clock;
        if (maxBytes < 1 || maxBytes > MAX_CONFIGURABLE_BYTES) {
            throw new IllegalStateException("PODLOOM_SHOW_AUDIO_MAX_BYTES must be between 1 and "
                    + MAX_CONFIGURABLE_BYTES + " (the server's body ceiling), not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Checks an upload of {@code kind} sent as {@code contentType}: 415 for another type, 413 over the size limit,
     * 400 when it does not decode as what it claims to be, lasts too long or too short, or is silent.
     */
    public CheckedAudio check(ShowAudioKind kind, String contentType, byte[] body) {
        AudioFiles.Container declared = container(contentType).orElseThrow(() -> new ApiException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the " + kind.id() + " as audio/mpeg (MP3) or audio/wav (WAV), "
                + "not " + (contentType == null ? "(no Content-Type)" : contentType) + ".",
                Map.of("accepted", ACCEPTED_TYPES)));
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "The request body must be the audio file's bytes.");
        }
        if (body.length > maxBytes) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The " + kind.id() + " is " + body.length
                    + " bytes; the limit is " + maxBytes + ".", Map.of("size_bytes", body.length, "max_bytes", maxBytes));
        }
        AudioFiles.Container actual = AudioFiles.sniff(body).orElseThrow(() -> invalid(
                "The body is neither a WAV (RIFF/WAVE) nor an MP3 file.", Map.of()));
        if (actual != declared) {
            throw invalid("The body is a" + (actual == AudioFiles.Container.MP3 ? "n MP3" : " WAV") + " file but was "
                    + "sent as " + contentType.split(";", 2)[0].strip() + "; send it with Content-Type "
                    + (actual == AudioFiles.Container.MP3 ? "audio/mpeg" : "audio/wav") + ".", Map.of());
        }
        AudioClip clip;
        try {
            clip = AudioFiles.decode(body, kind.maxSeconds(), AudioFiles.EPISODE_RATE);
        } catch (AudioFiles.UnreadableAudioException e) {
            throw invalid(e.getMessage(), Map.of());
        } catch (AudioFiles.TooLongException e) {
            throw invalid("The " + kind.id() + " may last at most " + format(kind.maxSeconds()) + " s; this one lasts "
                    + "more than " + format(Math.floor(e.seconds())) + " s.", Map.of("max_seconds", kind.maxSeconds()));
        }
        double seconds = clip.durationSeconds();
        if (seconds < kind.minSeconds()) {
            throw invalid("The " + kind.id() + " must last at least " + format(kind.minSeconds()) + " s; this one lasts "
                    + format(seconds) + " s.", Map.of("duration_seconds", seconds, "min_seconds", kind.minSeconds()));
        }
        if (Double.isInfinite(LoudnessMeter.integratedLufs(clip.samples(), clip.sampleRate()))) {
            throw invalid("The " + kind.id() + " is silent.", Map.of("duration_seconds", seconds));
        }
        return new CheckedAudio(clip, actual, body.length);
    }

    /** Stores a checked upload as the show's {@code kind}, replacing any earlier one. */
    @Transactional
    public void put(UUID accountId, UUID showId, ShowAudioKind kind, CheckedAudio checked) {
        shows.owned(accountId, showId);
        String key = key(showId, kind);
        Path temp = null;
        try {
            temp = Files.createTempFile("podloom-show-audio-", ".wav");
            Files.write(temp, AudioFiles.wav(checked.clip()));
            store.put(key, temp, "audio/wav");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
        audio.put(showId, kind, key, checked.clip().durationSeconds(),
                checked.container().name().toLowerCase(Locale.ROOT), checked.uploadedBytes(), Instant.now(clock));
    }

    /** Removes the show's {@code kind}; 404 when it had none. */
    @Transactional
    public void delete(UUID accountId, UUID showId, ShowAudioKind kind) {
        shows.owned(accountId, showId);
        if (!audio.delete(showId, kind)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The show has no " + kind.id() + ".",
                    Map.of("kind", kind.id()));
        }
        store.delete(key(showId, kind));
    }

    /** The show's audio by kind (only the kinds that are set). */
    @Transactional
    public Map<ShowAudioKind, ShowAudioFile> of(UUID showId) {
        Map<ShowAudioKind, ShowAudioFile> files = new LinkedHashMap<>();
        audio.list(showId).forEach(f -> files.put(f.kind(), f));
        return files;
    }

    @Override
    @Transactional
    public Map<String, String> audioKeys(UUID accountId, UUID showId) {
        if (shows.ownedIfExists(accountId, showId).isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        audio.list(showId).forEach(f -> keys.put(f.kind().id(), f.key()));
        return keys;
    }

    static String key(UUID showId, ShowAudioKind kind) {
        return "shows/" + showId + "/audio/" + kind.id() + ".wav";
    }

    static Optional<AudioFiles.Container> container(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CONTENT_TYPES.get(contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)));
    }

    private static ApiException invalid(String message, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("field", "body");
        return new ApiException(ErrorCode.INVALID_REQUEST, message, details);
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds)
                : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
