package dev.podloom.shows;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Apple Podcasts' top-level categories, spelled as {@code itunes:category text} must be. Only the top level
 * is offered: every directory accepts it, and subcategories would need a second, dependent list.
 */
public final class AppleCategories {

    public static final List<String> TOP_LEVEL = List.of(
            "Arts", "Business", "Comedy", "Education", "Fiction", "Government", "Health & Fitness", "History",
            "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality", "Science", "Society & Culture",
            "Sports", "Technology", "True Crime", "TV & Film");

    private AppleCategories() {
    }

    /** The category's canonical spelling, matched ignoring case and surrounding space. */
    public static Optional<String> canonical(String category) {
        String wanted = category.strip().toLowerCase(Locale.ROOT);
        return TOP_LEVEL.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
