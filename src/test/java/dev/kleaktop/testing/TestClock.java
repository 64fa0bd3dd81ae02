package dev.kleaktop.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so rates are exact. */
public final class TestClock extends Clock {
    private Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public TestClock() {
        this(Instant.parse("2026-11-26T00:00:00Z"));
    }

    public void advance(Duration d) { now = now.plus(d); }

    public void advanceSeconds(double s) { now = now.plusNanos(Math.round(s * 1e9)); }

    public void set(Instant t) { now = t; }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return this; }

    @Override
    public Instant instant() { return now; }
}
