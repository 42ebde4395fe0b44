package org.golem.vm.common.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A test clock whose time is set by the test, in Unix seconds (UTC); lets tests move time without sleeping.
 * Inject it wherever a service takes a {@link Clock}.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param epochSeconds the starting time, seconds since the Unix epoch */
    public MutableClock(long epochSeconds) {
        this.now = Instant.ofEpochSecond(epochSeconds);
    }

    /** @param epochSeconds the new time, seconds since the Unix epoch */
    public void set(long epochSeconds) {
        now = Instant.ofEpochSecond(epochSeconds);
    }

    /** @param seconds how far to move the time forward (negative moves it back) */
    public void advance(long seconds) {
        now = now.plusSeconds(seconds);
    }

    /** @param millis how far to move the time forward, in milliseconds */
    public void advanceMillis(long millis) {
        now = now.plusMillis(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
