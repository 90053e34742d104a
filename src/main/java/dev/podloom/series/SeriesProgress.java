package dev.podloom.series;

import java.util.List;

/**
 * What a series does next, decided from plain values: episodes run strictly in order, one at a time; the next pending
 * one starts only when every earlier one is completed; a failed episode stops the series; when none is left it is
 * completed. Pure: no SQL, no locks (the runner holds the series' row lock while it asks).
 */
public final class SeriesProgress {

    private SeriesProgress() {
    }

    /** An episode's state: {@code pending}, {@code processing}, {@code completed} or {@code failed}. */
    public record EpisodeState(int number, String status) {
    }

    public sealed interface Step permits Idle, Start, Finish, Stop {
    }

    /** Nothing to do now (an episode is being made, or the series is finished or stopped). */
    public record Idle(String why) implements Step {
    }

    /** Charge and start this episode. */
    public record Start(int number) implements Step {
    }

    /** Every episode is completed. */
    public record Finish() implements Step {
    }

    /** The series cannot go on until it is resumed. */
    public record Stop(String reason) implements Step {
    }

    public static final String EPISODE_FAILED = "episode_failed";
    public static final String KEY_INACTIVE = "api_key_inactive";

    /**
     * @param status    the series' status now
     * @param episodes  every episode, in order
     * @param keyActive whether the key the episodes are charged to is still valid (not revoked, not expired)
     */
    public static Step next(SeriesStatus status, List<EpisodeState> episodes, boolean keyActive) {
        if (status == SeriesStatus.COMPLETED) {
            return new Idle("completed");
        }
        if (status == SeriesStatus.STOPPED) {
            return new Idle("stopped until resumed");
        }
        for (EpisodeState e : episodes) {
            switch (e.status()) {
                case "completed" -> {
                    // the next one may start
                }
                case "processing" -> {
                    return new Idle("episode " + e.number() + " is being made");
                }
                case "failed" -> {
                    return new Stop(EPISODE_FAILED);
                }
                case "pending" -> {
                    return keyActive ? new Start(e.number()) : new Stop(KEY_INACTIVE);
                }
                default -> throw new IllegalArgumentException("unknown episode status " + e.status());
            }
        }
        return new Finish();
    }
}
