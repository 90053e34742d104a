package dev.podloom.podcasts;

import java.util.Locale;

/** The seed's status values. */
public enum PodcastStatus {
    REQUESTED, PROCESSING, COMPLETED, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PodcastStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
