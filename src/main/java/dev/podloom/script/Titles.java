package dev.podloom.script;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A page title as a podcast says it: without the site name ("… - The Rust Programming Language", "… | Local News |
 * The Courier") and without breadcrumbs ("Guide › Basics › Ownership").
 */
public final class Titles {

    /** Breadcrumb separators: the page's own name is the last crumb. */
    private static final Pattern BREADCRUMB = Pattern.compile("\\s+[›»>→/]\\s+|\\s*[›»]\\s*");
    /** Site-name separators: the page's own name is (nearly always) the first part. */
    private static final Pattern SITE_SEPARATOR = Pattern.compile("\\s+(?:[|–—·•:]{1,2}|-{1,2})\\s+|\\s*\\|\\s*");

    private Titles() {
    }

    /** {@code title} without site-name suffixes, prefixes and breadcrumbs; null stays null. */
    public static String clean(String title) {
        if (title == null || title.isBlank()) {
            return title;
        }
        String text = title.strip().replaceAll("\\s+", " ");
        List<String> crumbs = parts(BREADCRUMB.split(text));
        if (crumbs.size() > 1) {
            text = crumbs.getLast();
        }
        List<String> parts = parts(SITE_SEPARATOR.split(text));
        if (parts.size() <= 1) {
            return text;
        }
        // "Blog | How we rebuilt the index": a one- or two-word first part is a section name; take the longest part.
        String first = parts.getFirst();
        if (words(first) <= 2) {
            return parts.stream().max((a, b) -> Integer.compare(words(a), words(b))).orElse(first);
        }
        return first;
    }

    private static List<String> parts(String[] split) {
        return Arrays.stream(split).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }
}
