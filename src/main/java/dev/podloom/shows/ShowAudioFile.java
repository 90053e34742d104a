package dev.podloom.shows;

import java.time.Instant;

/**
 * One piece of a show's audio as stored.
 *
 * @param key             object-store key of the stored mono WAV (at the episode rate)
 * @param durationSeconds how long it plays
 * @param uploadedFormat  {@code wav} or {@code mp3}: what the show sent
 * @param uploadedBytes   the size of what the show sent
 */
public record ShowAudioFile(ShowAudioKind kind, String key, double durationSeconds, String uploadedFormat,
                            long uploadedBytes, Instant uploadedAt) {
}
