package dev.podloom.series;

import java.util.Locale;

/**
 * Where a series stands. {@code running}: an episode is being made or is about to start. {@code waiting_for_credits}:
 * the next episode's charge was refused for the balance; it starts when credits are added (or on resume).
 * {@code waiting_for_limits}: the key's generation limits refused it for now; it is retried by itself.
 * {@code stopped}: an episode failed (refunded), or the key was revoked; resume starts again from there.
 * {@code completed}: every episode is published.
 */
public enum SeriesStatus {
    RUNNING, WAITING_FOR_CREDITS, WAITING_FOR_LIMITS, STOPPED, COMPLETED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SeriesStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Whether {@code POST …/resume} has something to do. */
    public boolean resumable() {
        return this != COMPLETED;
    }
}
