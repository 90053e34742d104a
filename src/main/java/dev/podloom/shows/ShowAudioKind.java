package dev.podloom.shows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three pieces of audio a show may upload, and how long each may last. */
public enum ShowAudioKind {
    /** Played before the speech. */
    INTRO("intro", 1, 60),
    /** Played after the speech. */
    OUTRO("outro", 1, 60),
    /** Looped under the speech, ducked while anyone speaks. */
    BED("bed", 2, 180);

    private final String id;
    private final double minSeconds;
    private final double maxSeconds;

    ShowAudioKind(String id, double minSeconds, double maxSeconds) {
        this.id = id;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    public String id() {
        return id;
    }

    public double minSeconds() {
        return minSeconds;
    }

    public double maxSeconds() {
        return maxSeconds;
    }

    public static Optional<ShowAudioKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ShowAudioKind::id).toList();
    }
}
