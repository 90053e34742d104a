package dev.podloom.shows;

import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastFinishedListener;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auto_publish}: a completed podcast that names a show becomes its next episode, in the transaction that
 * completes it, through the same path as {@code POST /v1/shows/{id}/episodes}.
 */
@Singleton
public class AutoPublishListener implements PodcastFinishedListener {

    private static final Logger LOG = LoggerFactory.getLogger(AutoPublishListener.class);

    private final Shows shows;

    public AutoPublishListener(Shows shows) {
        this.shows = shows;
    }

    @Override
    public void podcastFinished(Podcast podcast, PodcastSpec spec) {
        if (!spec.autoPublish() || spec.showId() == null || podcast.status() != PodcastStatus.COMPLETED) {
            return;
        }
        // Checked first rather than caught: an exception inside the completing transaction would undo the completion.
        if (shows.ownedIfExists(podcast.accountId(), spec.showId()).isEmpty()) {
            LOG.warn("Podcast {} was to be published to show {}, which no longer exists", podcast.id(), spec.showId());
            return;
        }
        if (shows.hasEpisode(spec.showId(), podcast.id())) {
            return; // a revived job completing twice must not publish twice
        }
        shows.addEpisode(podcast.accountId(), spec.showId(), podcast.id(), null, null);
        LOG.info("Podcast {} published to show {}", podcast.id(), spec.showId());
    }
}
