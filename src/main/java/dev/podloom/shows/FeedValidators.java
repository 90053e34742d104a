package dev.podloom.shows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/** HTTP validators for the feed (RFC 9110 §8.8, §13): its entity tag, its date, and when a 304 is the answer. */
final class FeedValidators {

    private FeedValidators() {
    }

    /** A strong entity tag: the first 128 bits of the SHA-256 of the feed's bytes, quoted. */
    static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
    }

    /**
     * Whether the client's copy is current: {@code If-None-Match} lists the tag (or is {@code *}; weak tags compare
     * weakly); without {@code If-None-Match}, {@code If-Modified-Since} is at or after the last change (to the
     * second). An unparseable date counts as absent.
     */
    static boolean notModified(String etag, Instant lastModified, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            String opaque = etag.replaceFirst("^W/", "");
            return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                    .anyMatch(tag -> tag.equals("*") || tag.replaceFirst("^W/", "").equals(opaque));
        }
        if (ifModifiedSince != null && !ifModifiedSince.isBlank()) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
