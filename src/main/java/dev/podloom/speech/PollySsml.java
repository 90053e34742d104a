package dev.podloom.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a turn's text (normalized for speech, possibly holding the lexicon's SSML fragments) into Amazon Polly
 * {@code <speak>} documents of at most {@code maxBilled} billed characters each. Polly bills the text, not the
 * tags, and takes at most 3,000 billed and 6,000 total characters per {@code SynthesizeSpeech}. Text is split at
 * sentence ends ({@link TextChunks}), a lexicon fragment is never cut, and everything but the lexicon's own
 * fragments ({@code <phoneme alphabet="ipa" ph="…">…</phoneme>}, {@code <sub alias="…">…</sub>}) is XML-escaped,
 * so script text cannot inject markup. Pure; thread-safe.
 */
public final class PollySsml {

    /** Polly's documented limits per request. */
    public static final int MAX_BILLED_CHARACTERS = 3_000;
    public static final int MAX_TOTAL_CHARACTERS = 6_000;

    /** The fragments {@link Lexicon} writes for {@code PhonemeInput.SSML}, already escaped. */
    static final Pattern FRAGMENT = Pattern.compile(
            "<phoneme alphabet=\"ipa\" ph=\"[^\"<>]*\">([^<>]*)</phoneme>|<sub alias=\"[^\"<>]*\">([^<>]*)</sub>");
    /** Marks a fragment's place while the text is split; followed by fillers to the fragment's billed length. */
    private static final char START = '\uE000';
    private static final char FILL = '\uE001';

    /** One request's SSML, its billed characters, and the words it speaks (for checking the audio's length). */
    public record Chunk(String ssml, int billedCharacters, String spokenText) {
    }

    private PollySsml() {
    }

    public static List<Chunk> chunks(String text, int maxBilled) {
        List<String> fragments = new ArrayList<>();
        StringBuilder masked = new StringBuilder();
        Matcher m = FRAGMENT.matcher(text);
        int last = 0;
        while (m.find()) {
            masked.append(plain(text.substring(last, m.start())));
            fragments.add(m.group());
            int billed = Math.max(1, unescape(inner(m)).length());
            masked.append(START).append(String.valueOf(FILL).repeat(billed - 1));
            last = m.end();
        }
        masked.append(plain(text.substring(last)));
        for (int limit = maxBilled; ; limit = limit / 2) {
            List<Chunk> chunks = new ArrayList<>();
            int next = 0;
            boolean fits = true;
            for (String piece : TextChunks.split(masked.toString(), limit)) {
                StringBuilder ssml = new StringBuilder("<speak>");
                StringBuilder spoken = new StringBuilder();
                int billed = 0;
                for (int i = 0; i < piece.length(); i++) {
                    char c = piece.charAt(i);
                    if (c == START) {
                        String fragment = fragments.get(next++);
                        ssml.append(fragment);
                        Matcher f = FRAGMENT.matcher(fragment);
                        f.matches();
                        String words = unescape(inner(f));
                        spoken.append(words);
                        billed += words.length();
                    } else if (c != FILL) {
                        ssml.append(Lexicon.xml(String.valueOf(c)));
                        spoken.append(c);
                        billed++;
                    }
                }
                ssml.append("</speak>");
                if (ssml.length() > MAX_TOTAL_CHARACTERS) {
                    fits = false;
                    break;
                }
                chunks.add(new Chunk(ssml.toString(), billed, spoken.toString()));
            }
            if (fits || limit <= 1) {
                return chunks;
            }
        }
    }

    /** The words a Polly {@code <speak>} document speaks: its text without tags, entities read. */
    public static String text(String ssml) {
        return unescape(ssml.replaceAll("<[^>]*>", ""));
    }

    private static String inner(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Plain text without the marker characters (private use: never speech). */
    private static String plain(String text) {
        return text.replace(String.valueOf(START), "").replace(String.valueOf(FILL), "");
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
