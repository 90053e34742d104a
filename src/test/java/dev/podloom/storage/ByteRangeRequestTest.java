package dev.podloom.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeRequestTest {

    @ParameterizedTest(name = "{0} of 1000 bytes is bytes {1}-{2}")
    @CsvSource({
            "bytes=0-499, 0, 499",
            "bytes=500-, 500, 999",
            "bytes=-100, 900, 999",
            "bytes=-5000, 0, 999",
            "bytes=900-5000, 900, 999",
            "bytes=999-999, 999, 999",
            "' bytes=1-2 ', 1, 2"})
    void aSingleSatisfiableRangeIsServedPartially(String header, long first, long last) {
        assertThat(ByteRangeRequest.of(header, 1000)).isEqualTo(new ByteRangeRequest.Partial(first, last));
    }

    @ParameterizedTest(name = "{0} of {1} bytes cannot be satisfied")
    @CsvSource({"bytes=1000-, 1000", "bytes=1000-2000, 1000", "bytes=-0, 1000", "bytes=0-, 0", "bytes=-1, 0"})
    void aRangeOutsideTheObjectIsUnsatisfiable(String header, long size) {
        assertThat(ByteRangeRequest.of(header, size)).isInstanceOf(ByteRangeRequest.Unsatisfiable.class);
    }

    @ParameterizedTest(name = "{0} is ignored")
    @CsvSource({"bytes=0-1\\,5-6", "bytes=5-1", "items=0-1", "bytes=-", "bytes=a-b", "bytes=99999999999999999999-"})
    void severalRangesOtherUnitsAndBadSyntaxAreIgnored(String header) {
        assertThat(ByteRangeRequest.of(header.replace("\\,", ","), 1000)).isInstanceOf(ByteRangeRequest.Whole.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 499, 500, bytes 0-499/1000", "999, 999, 1, bytes 999-999/1000"})
    void aPartialRangeKnowsItsLengthAndContentRange(long first, long last, long length, String contentRange) {
        ByteRangeRequest.Partial partial = new ByteRangeRequest.Partial(first, last);

        assertThat(partial.length()).isEqualTo(length);
        assertThat(partial.contentRange(1000)).isEqualTo(contentRange);
    }
}
