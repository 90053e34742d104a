package dev.podloom.shows;

import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastRepository;
import dev.podloom.podcasts.PodcastStatus;
import dev.podloom.storage.ObjectStore;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Shows and their episodes: what the API and the auto-publish listener do, each step in one transaction. */
@Singleton
public class Shows implements dev.podloom.podcasts.ShowDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShowRepository shows;
    private final PodcastRepository podcasts;
    private final ObjectStore store;
    private final Clock clock;
    private final ShowAudioRepository audio;

    public Shows(ShowRepository shows, PodcastRepository podcasts, ObjectStore store, Clock clock,
                 ShowAudioRepository audio) {
        this.audio = audio;
        this.shows = shows;
        this.podcasts = podcasts;
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public Show create(UUID accountId, ShowFields fields) {
        UUID id = UUID.randomUUID();
        shows.insert(id, accountId, newPublicId(), fields, Instant.now(clock));
        return shows.findOwned(id, accountId).orElseThrow();
    }

    @Transactional
    public Show owned(UUID accountId, UUID showId) {
        return shows.findOwned(showId, accountId).orElseThrow(() -> showNotFound(showId.toString()));
    }

    @Transactional
    public List<Show> list(UUID accountId, int limit, int offset) {
        return shows.listOwned(accountId, limit, offset);
    }

    @Transactional
    public long count(UUID accountId) {
        return shows.countOwned(accountId);
    }

    @Transactional
    public Show update(UUID accountId, UUID showId, ShowFields merged) {
        owned(accountId, showId);
        shows.update(showId, merged, Instant.now(clock));
        return owned(accountId, showId);
    }

    /** Removes the show, its episodes, its cover and its audio; the podcasts themselves stay. */
    @Transactional
    public void delete(UUID accountId, UUID showId) {
        Show show = owned(accountId, showId);
        List<String> audioKeys = audio.list(showId).stream().map(ShowAudioFile::key).toList();
        shows.delete(showId);
        if (show.coverKey() != null) {
            store.delete(show.coverKey());
        }
        audioKeys.forEach(store::delete);
    }

    /** Stores the validated image as the show's cover, replacing any earlier one. */
    @Transactional
    public Show setCover(UUID accountId, UUID showId, CoverImage.Format format, Path image) {
        Show show = owned(accountId, showId);
        String key = "shows/" + showId + "/cover." + format.extension();
        store.put(key, image, format.contentType());
        shows.setCover(showId, key, format.contentType(), Instant.now(clock));
        if (show.coverKey() != null && !show.coverKey().equals(key)) {
            store.delete(show.coverKey());
        }
        return owned(accountId, showId);
    }

    /**
     * Adds one of the account's completed podcasts as the show's next episode. The API and auto-publish share
     * this path, so both number episodes and check ownership the same way.
     */
    @Transactional
    public Episode addEpisode(UUID accountId, UUID showId, UUID podcastId, String title, String description) {
        owned(accountId, showId);
        Podcast podcast = podcasts.findOwned(podcastId, accountId).orElseThrow(() -> new ApiException(
                ErrorCode.PODCAST_NOT_FOUND, "Podcast " + podcastId + " was not found.",
                Map.of("podcast_id", podcastId.toString())));
        if (podcast.status() != PodcastStatus.COMPLETED) {
            throw new ApiException(ErrorCode.PODCAST_NOT_READY, "Podcast " + podcastId + " is " + podcast.status().id()
                    + "; only completed podcasts can become episodes.", Map.of("status", podcast.status().id()));
        }
        // Taking the number locks the show's row first, so a concurrent addition of the same podcast waits and
        // then sees it here (each statement reads what is committed) instead of failing on the unique key.
        int number = shows.takeEpisodeNumber(showId);
        if (shows.containsPodcast(showId, podcastId)) {
            throw new ApiException(ErrorCode.EPISODE_ALREADY_EXISTS, "Podcast " + podcastId
                    + " is already an episode of this show.", Map.of("podcast_id", podcastId.toString()));
        }
        UUID id = UUID.randomUUID();
        String episodeTitle = title != null ? title : podcast.title() != null ? podcast.title() : "Episode " + number;
        shows.insertEpisode(id, showId, podcastId, number, episodeTitle, description, Instant.now(clock));
        return shows.episode(showId, id).orElseThrow();
    }

    /** True when the podcast is already in the show (auto-publish must not publish twice). */
    @Transactional
    public boolean hasEpisode(UUID showId, UUID podcastId) {
        return shows.containsPodcast(showId, podcastId);
    }

    @Transactional
    public Optional<Show> ownedIfExists(UUID accountId, UUID showId) {
        return shows.findOwned(showId, accountId);
    }

    @Override
    @Transactional
    public boolean owns(UUID accountId, UUID showId) {
        return ownedIfExists(accountId, showId).isPresent();
    }

    @Override
    @Transactional
    public Optional<HostLines> hostLines(UUID accountId, UUID showId) {
        return ownedIfExists(accountId, showId).map(s -> new HostLines(s.introText(), s.outroText()));
    }

    @Override
    @Transactional
    public Optional<String> language(UUID accountId, UUID showId) {
        return ownedIfExists(accountId, showId).map(Show::language);
    }

    @Transactional
    public List<Episode> episodes(UUID accountId, UUID showId) {
        owned(accountId, showId);
        return shows.episodes(showId);
    }

    @Transactional
    public Episode episode(UUID accountId, UUID showId, UUID episodeId) {
        owned(accountId, showId);
        return shows.episode(showId, episodeId).orElseThrow(() -> episodeNotFound(episodeId.toString()));
    }

    @Transactional
    public void removeEpisode(UUID accountId, UUID showId, UUID episodeId) {
        owned(accountId, showId);
        if (!shows.deleteEpisode(showId, episodeId)) {
            throw episodeNotFound(episodeId.toString());
        }
    }

    /**
     * The public view of a show and its episodes, for the feed; empty for an unknown public id. {@code links} are
     * the episodes' published originals and translations.
     */
    public record Published(Show show, List<Episode> episodes, List<TranslationLink> links) {
    }

    @Transactional
    public Optional<Published> published(String publicId) {
        return shows.findPublic(publicId).map(s -> new Published(s, shows.episodes(s.id()),
                shows.translationLinks(s.id())));
    }

    @Transactional
    public Optional<Episode> publishedEpisode(String publicId, UUID episodeId) {
        return shows.findPublic(publicId).flatMap(s -> shows.episode(s.id(), episodeId));
    }

    @Transactional
    public Optional<Show> publishedShow(String publicId) {
        return shows.findPublic(publicId);
    }

    static ApiException showNotFound(String id) {
        return new ApiException(ErrorCode.SHOW_NOT_FOUND, "Show " + id + " was not found.", Map.of("show_id", id));
    }

    static ApiException episodeNotFound(String id) {
        return new ApiException(ErrorCode.EPISODE_NOT_FOUND, "Episode " + id + " was not found.",
                Map.of("episode_id", id));
    }

    /** 128 random bits: a feed URL cannot be guessed or enumerated from another one. */
    private static String newPublicId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
