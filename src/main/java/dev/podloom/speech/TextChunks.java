package dev.podloom.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text for providers that cap the input per request: at sentence ends where possible, else at spaces,
 * and only as a last resort inside a word. No chunk is longer than the limit, none is blank, and the chunks
 * joined with single spaces read as the original text.
 */
public final class TextChunks {

    /** A sentence: up to and including its end mark (and closing quotes or brackets), or the rest of the text. */
    private static final Pattern SENTENCE = Pattern.compile("[^.!?…。！？]*(?:[.!?…。！？]+[\"'”’)\\]]*|$)");

    private TextChunks() {
    }

    public static List<String> split(String text, int maxCharacters) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be positive");
        }
        String clean = text.strip();
        List<String> chunks = new ArrayList<>();
        if (clean.isEmpty()) {
            return chunks;
        }
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences(clean)) {
            for (String piece : fit(sentence, maxCharacters)) {
                if (current.isEmpty()) {
                    current.append(piece);
                } else if (current.length() + 1 + piece.length() <= maxCharacters) {
                    current.append(' ').append(piece);
                } else {
                    chunks.add(current.toString());
                    current.setLength(0);
                    current.append(piece);
                }
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
            if (m.end() >= text.length()) {
                break;
            }
        }
        return out;
    }

    /** One sentence in pieces no longer than the limit: at spaces, else hard cuts. */
    private static List<String> fit(String sentence, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf(' ', max);
            if (cut <= 0) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
