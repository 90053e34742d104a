package dev.podloom.shows;

import java.time.Instant;
import java.util.UUID;

/**
 * A published episode that is the same podcast in another language, as the feed item of {@code episodeId} links it.
 *
 * @param episodeId      the episode of this feed whose item carries the link
 * @param relation       {@link #ORIGINAL} (the linked episode is what this one translates) or {@link #TRANSLATION}
 *                       (the linked episode translates this one)
 * @param language       the linked episode's language
 * @param otherPublicId  the public id of the linked episode's show
 * @param otherEpisodeId the linked episode
 * @param publishedAt    when the linked episode was published (a feed changes when a link appears)
 */
public record TranslationLink(UUID episodeId, String relation, String language, String title, String otherPublicId,
                              UUID otherEpisodeId, Instant publishedAt) {

    public static final String ORIGINAL = "original";
    public static final String TRANSLATION = "translation";
}
