package dev.podloom.speechcache;

import dev.podloom.pipeline.Pronunciation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a cached clip was made from: the engine, its settings (model, instructions, server …), the voice, the
 * lexicon version and the normalized text the engine was sent. Two syntheses with equal keys sound the same, so
 * the second can be the first one's audio. Pure.
 *
 * @param engine         engine id, e.g. {@code openai}
 * @param settings       the engine's {@link dev.podloom.pipeline.SpeechSynthesizer#cacheSettings()}
 * @param voiceId        the voice's public id
 * @param lexiconVersion {@link #lexiconVersion(List)} of the pronunciations applied
 * @param text           the normalized text, lexicon applied: exactly what the engine is sent
 */
public record SpeechCacheKey(String engine, String settings, String voiceId, String lexiconVersion, String text) {

    /** The lexicon version of no pronunciations at all. */
    public static final String NO_LEXICON = "none";
    private static final String FORMAT = "podloom-speech-cache/1";
    private static final String PREFIX = "speech-cache/";

    /** SHA-256 (hex) over every field, each length-prefixed so that no two keys can run together. */
    public String hash() {
        StringBuilder canonical = new StringBuilder(FORMAT);
        for (String field : List.of(engine, nullToEmpty(settings), voiceId, lexiconVersion, text)) {
            canonical.append('\n').append(field.length()).append(':').append(field);
        }
        return sha256(canonical.toString());
    }

    /** Where the clip lives in the object store: {@code speech-cache/ab/ab…(64 hex).wav}. */
    public static String objectKey(String hash) {
        return PREFIX + hash.substring(0, 2) + "/" + hash + ".wav";
    }

    /**
     * A version of a list of pronunciations (an account's lexicon merged with a request's): a hash of the entries
     * in order, or {@link #NO_LEXICON} for none. Any change to an entry gives another version.
     */
    public static String lexiconVersion(List<Pronunciation> entries) {
        if (entries == null || entries.isEmpty()) {
            return NO_LEXICON;
        }
        StringBuilder canonical = new StringBuilder("lexicon/1");
        for (Pronunciation p : entries) {
            for (String field : new String[]{p.term(), p.sayAs(), p.ipa()}) {
                String value = nullToEmpty(field);
                canonical.append('\n').append(field == null ? -1 : value.length()).append(':').append(value);
            }
        }
        return sha256(canonical.toString()).substring(0, 32);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
