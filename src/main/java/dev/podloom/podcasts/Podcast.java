package dev.podloom.podcasts;

import java.time.Instant;
import java.util.UUID;

/** A podcast as stored: what was asked, what it cost, how far it got and where its files are. */
public record Podcast(UUID id, UUID accountId, UUID apiKeyId, PodcastStatus status, String stage, int progress,
                      String spec, String title, String language, String style, int targetMinutes,
                      long creditsCharged, long creditsRefunded, String errorCode, String errorMessage,
                      Double durationSeconds, boolean sourcesExhausted, String voices, String audioKey,
                      Long audioBytes, String transcriptKey, String chaptersKey, int attempts, Instant createdAt,
                      Instant startedAt, Instant completedAt) {
}
