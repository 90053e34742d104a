package dev.podloom.shows;

import java.time.Instant;
import java.util.UUID;

/**
 * An episode of a show with what its feed item needs from the podcast behind it.
 *
 * @param number        1, 2, 3… per show, never reused
 * @param audioBytes    the real size of the stored MP3, the enclosure length
 * @param transcriptJsonKey the Podcasting 2.0 JSON transcript, or null for podcasts made before it was kept
 * @param grounding     {@code sources}, {@code none} (written from a topic alone, nothing cited) or null (a ready
 *                      dialogue, or a podcast made before this was kept)
 */
public record Episode(UUID id, UUID showId, UUID podcastId, int number, String title, String description,
                      Instant publishedAt, String audioKey, long audioBytes, String transcriptKey, String chaptersKey,
                      double durationSeconds, String transcriptJsonKey, String grounding) {

    public Episode(UUID id, UUID showId, UUID podcastId, int number, String title, String description,
                   Instant publishedAt, String audioKey, long audioBytes, String transcriptKey, String chaptersKey,
                   double durationSeconds, String transcriptJsonKey) {
        this(id, showId, podcastId, number, title, description, publishedAt, audioKey, audioBytes, transcriptKey,
                chaptersKey, durationSeconds, transcriptJsonKey, null);
    }

    /** Written by the language model from a topic alone, with no source behind it. */
    public boolean unsourced() {
        return "none".equals(grounding);
    }

    public Episode(UUID id, UUID showId, UUID podcastId, int number, String title, String description,
                   Instant publishedAt, String audioKey, long audioBytes, String transcriptKey, String chaptersKey,
                   double durationSeconds) {
        this(id, showId, podcastId, number, title, description, publishedAt, audioKey, audioBytes, transcriptKey,
                chaptersKey, durationSeconds, null, null);
    }
}
