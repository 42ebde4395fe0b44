package org.golem.vm.common.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock whose time is set by the test, in Unix seconds; lets tests move time without sleeping. */
final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(long epochSeconds) {
        this.now = Instant.ofEpochSecond(epochSeconds);
    }

    void set(long epochSeconds) {
        now = Instant.ofEpochSecond(epochSeconds);
    }

    void advance(long seconds) {
        now = now.plusSeconds(seconds);
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
