package dev.podloom.series;

import dev.podloom.series.SeriesProgress.EpisodeState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesProgressTest {

    private static List<EpisodeState> episodes(String... statuses) {
        return java.util.stream.IntStream.range(0, statuses.length)
                .mapToObj(i -> new EpisodeState(i + 1, statuses[i])).toList();
    }

    @Test
    void theFirstPendingEpisodeStartsOnceEveryEarlierOneIsCompleted() {
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("pending", "pending"), true))
                .isEqualTo(new SeriesProgress.Start(1));
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("completed", "pending", "pending"), true))
                .isEqualTo(new SeriesProgress.Start(2));
    }

    @Test
    void nothingStartsWhileAnEpisodeIsBeingMade() {
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("completed", "processing", "pending"), true))
                .isInstanceOf(SeriesProgress.Idle.class);
    }

    @Test
    void aSeriesWaitingForCreditsOrLimitsTriesTheNextEpisodeWhenWoken() {
        assertThat(SeriesProgress.next(SeriesStatus.WAITING_FOR_CREDITS, episodes("completed", "pending"), true))
                .isEqualTo(new SeriesProgress.Start(2));
        assertThat(SeriesProgress.next(SeriesStatus.WAITING_FOR_LIMITS, episodes("pending"), true))
                .isEqualTo(new SeriesProgress.Start(1));
    }

    @Test
    void aFailedEpisodeStopsTheSeriesAndAStoppedSeriesWaitsForResume() {
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("completed", "failed", "pending"), true))
                .isEqualTo(new SeriesProgress.Stop(SeriesProgress.EPISODE_FAILED));
        assertThat(SeriesProgress.next(SeriesStatus.STOPPED, episodes("completed", "pending"), true))
                .isInstanceOf(SeriesProgress.Idle.class);
    }

    @Test
    void aRevokedKeyStopsTheSeriesBeforeAnythingIsCharged() {
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("completed", "pending"), false))
                .isEqualTo(new SeriesProgress.Stop(SeriesProgress.KEY_INACTIVE));
    }

    @Test
    void whenEveryEpisodeIsCompletedTheSeriesIsFinishedAndThenIdle() {
        assertThat(SeriesProgress.next(SeriesStatus.RUNNING, episodes("completed", "completed"), true))
                .isInstanceOf(SeriesProgress.Finish.class);
        assertThat(SeriesProgress.next(SeriesStatus.COMPLETED, episodes("completed", "completed"), true))
                .isInstanceOf(SeriesProgress.Idle.class);
    }
}
