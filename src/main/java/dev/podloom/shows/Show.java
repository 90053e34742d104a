package dev.podloom.shows;

import java.time.Instant;
import java.util.UUID;

/**
 * A show as stored.
 *
 * @param publicId     the unguessable id in the feed and media URLs; the only public name of the show
 * @param coverKey     object-store key of the cover image, or null
 * @param episodeCount episodes currently in the show
 * @param introText    what the host reads at the start of each episode made for the show, or null
 * @param outroText    what the host reads at the end of each episode made for the show, or null
 */
public record Show(UUID id, UUID accountId, String publicId, String title, String description, String language,
                   String author, String category, boolean explicit, String ownerEmail, String coverKey,
                   String coverContentType, int episodeCount, Instant createdAt, Instant updatedAt,
                   String introText, String outroText) {

    public Show(UUID id, UUID accountId, String publicId, String title, String description, String language,
                String author, String category, boolean explicit, String ownerEmail, String coverKey,
                String coverContentType, int episodeCount, Instant createdAt, Instant updatedAt) {
        this(id, accountId, publicId, title, description, language, author, category, explicit, ownerEmail, coverKey,
                coverContentType, episodeCount, createdAt, updatedAt, null, null);
    }

    /** The file extension of the cover image ({@code jpg}, {@code png}, {@code webp}), or null without one. */
    public String coverExtension() {
        return coverContentType == null ? null : CoverImage.Format.ofContentType(coverContentType)
                .map(CoverImage.Format::extension).orElse(null);
    }
}
