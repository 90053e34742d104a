package dev.podloom.shows;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FeedValidatorsTest {

    private static final Instant CHANGED = Instant.parse("2026-03-14T10:15:30.400Z");

    @Test
    void theSameFeedHasTheSameTagAndAnotherFeedAnother() {
        assertThat(FeedValidators.etag("<rss/>")).isEqualTo(FeedValidators.etag("<rss/>"))
                .isNotEqualTo(FeedValidators.etag("<rss></rss>")).matches("\"[0-9a-f]{32}\"");
    }

    @Test
    void aMatchingTagInTheListOrAStarIsNotModified() {
        String tag = FeedValidators.etag("x");
        assertThat(FeedValidators.notModified(tag, CHANGED, "\"other\", " + tag, null)).isTrue();
        assertThat(FeedValidators.notModified(tag, CHANGED, "W/" + tag, null)).isTrue();
        assertThat(FeedValidators.notModified(tag, CHANGED, "*", null)).isTrue();
        assertThat(FeedValidators.notModified(tag, CHANGED, "\"other\"", null)).isFalse();
    }

    @Test
    void aTagThatDoesNotMatchWinsOverADateThatWould() {
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, "\"b\"", "Sat, 14 Mar 2026 10:15:30 GMT")).isFalse();
    }

    @Test
    void aDateAtOrAfterTheLastChangeToTheSecondIsNotModified() {
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, null, "Sat, 14 Mar 2026 10:15:30 GMT")).isTrue();
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, null, "Sat, 14 Mar 2026 11:00:00 GMT")).isTrue();
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, null, "Sat, 14 Mar 2026 10:15:29 GMT")).isFalse();
    }

    @Test
    void anUnreadableDateOrNoConditionIsAFullAnswer() {
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, null, "yesterday")).isFalse();
        assertThat(FeedValidators.notModified("\"a\"", CHANGED, null, null)).isFalse();
    }

    @Test
    void theHttpDateIsRfc1123InGmt() {
        assertThat(FeedValidators.httpDate(CHANGED)).isEqualTo("Sat, 14 Mar 2026 10:15:30 GMT");
    }
}
