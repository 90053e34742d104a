package dev.podloom.series;

import dev.podloom.credits.CreditsAdded;
import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastFinishedListener;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastStatus;
import dev.podloom.shows.Shows;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What moves a series on, each inside the transaction of its cause so a wake-up commits with it or not at all:
 * an episode's podcast finishing (published to the show with its planned title and outline, then the next episode is
 * scheduled; a failure stops the series), credits added to the account (series waiting for credits run again), and
 * the periodic check.
 */
@Singleton
public class SeriesWakeUps implements PodcastFinishedListener, ApplicationEventListener<CreditsAdded> {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesWakeUps.class);

    private final SeriesRepository series;
    private final SeriesRunner runner;
    private final Shows shows;
    private final Clock clock;

    public SeriesWakeUps(SeriesRepository series, SeriesRunner runner, Shows shows, Clock clock) {
        this.series = series;
        this.runner = runner;
        this.shows = shows;
        this.clock = clock;
    }

    @Override
    public void podcastFinished(Podcast podcast, PodcastSpec spec) {
        boolean completed = podcast.status() == PodcastStatus.COMPLETED;
        Instant now = Instant.now(clock);
        series.episodeFinished(podcast.id(), completed, now).ifPresent(episode -> {
            if (!completed) {
                series.setStatus(episode.seriesId(), SeriesStatus.STOPPED, SeriesProgress.EPISODE_FAILED, now);
                LOG.info("Series {} stopped: episode {} failed ({}) and was refunded", episode.seriesId(),
                        episode.number(), podcast.errorCode());
                return;
            }
            // Checked first rather than caught: an exception here would undo the podcast's completion.
            if (shows.ownedIfExists(episode.accountId(), episode.showId()).isPresent()
                    && !shows.hasEpisode(episode.showId(), podcast.id())) {
                shows.addEpisode(episode.accountId(), episode.showId(), podcast.id(), episode.title(),
                        episode.outline());
            }
            runner.schedule(episode.seriesId(), episode.number() + 1);
        });
    }

    /** Credits were granted: series of that account waiting for credits try again. */
    @Override
    public void onApplicationEvent(CreditsAdded event) {
        List<UUID> waiting = series.waitingForCredits(event.accountId());
        waiting.forEach(runner::scheduleNext);
        if (!waiting.isEmpty()) {
            LOG.info("Credits added to account {}: {} waiting series scheduled", event.accountId(), waiting.size());
        }
    }

    /** The periodic check: schedules a run for every series that may have missed one (already scheduled: no-op). */
    @Transactional
    public void check() {
        series.needingARun().forEach(runner::scheduleNext);
    }
}
