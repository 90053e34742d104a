package dev.podloom.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so expiry and rate windows are tested without waiting. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(String start) {
        this.now = Instant.parse(start);
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
