package dev.podloom.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of an object of a known size (RFC 9110 §14). Only a single byte
 * range is honoured; anything else that is not unsatisfiable (several ranges, other units, bad syntax)
 * gets the whole object, which the RFC allows because a server may ignore {@code Range}.
 * Public so every route that serves stored bytes (signed links, feed media) answers ranges the same way.
 */
public sealed interface ByteRangeRequest {

    /** Serve the whole object with 200. */
    record Whole() implements ByteRangeRequest {
    }

    /** Serve bytes {@code first..last} (inclusive) with 206. */
    record Partial(long first, long last) implements ByteRangeRequest {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** Answer 416 with {@code Content-Range: bytes *}{@code /size}. */
    record Unsatisfiable() implements ByteRangeRequest {
    }

    Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    static ByteRangeRequest of(String rangeHeader, long size) {
        if (rangeHeader == null) {
            return new Whole();
        }
        Matcher m = SINGLE_RANGE.matcher(rangeHeader.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 || size == 0 ? new Unsatisfiable() : new Partial(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return new Whole(); // syntactically invalid: ignored
            }
            return first >= size ? new Unsatisfiable() : new Partial(first, Math.min(last, size - 1));
        } catch (NumberFormatException tooLarge) {
            return new Whole();
        }
    }
}
