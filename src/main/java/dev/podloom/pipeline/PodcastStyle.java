package dev.podloom.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The podcast formats the script writers know. */
public enum PodcastStyle {
    DEEP_DIVE("deep_dive", 2, "Two hosts explore the sources in depth, section by section."),
    CONVERSATIONAL("conversational", 2, "A relaxed chat that trades short takes and reactions."),
    INTERVIEW("interview", 2, "A host interviews a guest, who answers from the sources."),
    DEBATE("debate", 2, "Two hosts weigh the material from opposing angles."),
    NEWS_BRIEF("news_brief", 2, "A short, fast bulletin of the key points."),
    LECTURE("lecture", 1, "A single narrator walks through the material.");

    private final String id;
    private final int voices;
    private final String description;

    PodcastStyle(String id, int voices, String description) {
        this.id = id;
        this.voices = voices;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** How many distinct speakers the style uses. */
    public int voices() {
        return voices;
    }

    public String description() {
        return description;
    }

    public static Optional<PodcastStyle> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PodcastStyle::id).toList();
    }
}
