package dev.podloom.script;

import java.util.regex.Pattern;

/** Removes what should not be read aloud: URLs, citation marks like [12], footnote symbols, stray whitespace. */
public final class TextCleaner {

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s()<>\\[\\]\"]*[^\\s()<>\\[\\]\".,;:!?']");
    private static final Pattern CITATION = Pattern.compile(
            "(?i)\\[(?:\\d+(?:\\s*[,–-]\\s*\\d+)*|citation needed|note \\d+|[a-z]|nb \\d+)]");
    private static final Pattern FOOTNOTE_MARK = Pattern.compile("[†‡\\u00B9\\u00B2\\u00B3\\u2070-\\u209F]|(?<=\\w)\\*+");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([.,;:!?])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextCleaner() {
    }

    public static String clean(String text) {
        String result = URL.matcher(text).replaceAll("");
        result = CITATION.matcher(result).replaceAll("");
        result = FOOTNOTE_MARK.matcher(result).replaceAll("");
        result = EMPTY_BRACKETS.matcher(result).replaceAll("");
        result = WHITESPACE.matcher(result).replaceAll(" ");
        result = SPACE_BEFORE_PUNCTUATION.matcher(result).replaceAll("$1");
        return result.strip();
    }
}
