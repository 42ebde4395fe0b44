package org.golem.vm.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private void advanceSeconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    private RateLimiter limiter(long perMinute, int maxKeys) {
        return new RateLimiter(perMinute, now::get, maxKeys);
    }

    @Test
    void burstThenRefusedWithRetryAfterThenRefilled() {
        RateLimiter limiter = limiter(6, 100); // one token per 10 s, burst 6
        for (int i = 0; i < 6; i++) {
            assertEquals(0, limiter.acquire("1.1.1.1"), "request " + (i + 1));
        }
        assertEquals(10, limiter.acquire("1.1.1.1"));
        advanceSeconds(4);
        assertEquals(6, limiter.acquire("1.1.1.1"));
        advanceSeconds(6);
        assertEquals(0, limiter.acquire("1.1.1.1"));
        assertTrue(limiter.acquire("1.1.1.1") >= 1);
        advanceSeconds(3600);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, limiter.acquire("1.1.1.1"), "refill caps at the burst size");
        }
        assertTrue(limiter.acquire("1.1.1.1") >= 1);
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        RateLimiter limiter = limiter(6000, 100); // one token per 10 ms
        for (int i = 0; i < 6000; i++) {
            limiter.acquire("k");
        }
        assertEquals(1, limiter.acquire("k"));
    }

    @Test
    void clientsAreIndependentButAnIpv6Slash64IsOneClient() {
        RateLimiter limiter = limiter(1, 100);
        assertEquals(0, limiter.acquire(RateLimiter.clientKey("1.1.1.1")));
        assertEquals(0, limiter.acquire(RateLimiter.clientKey("1.1.1.2")));
        assertTrue(limiter.acquire(RateLimiter.clientKey("::ffff:1.1.1.1")) > 0, "IPv4-mapped is the IPv4 client");
        assertEquals(0, limiter.acquire(RateLimiter.clientKey("2a00:1450:1:2::1")));
        assertTrue(limiter.acquire(RateLimiter.clientKey("2a00:1450:1:2::ffff")) > 0, "same /64");
        assertEquals(0, limiter.acquire(RateLimiter.clientKey("2a00:1450:1:3::1")), "next /64");
    }

    @Test
    void clientKeys() {
        assertEquals("203.0.113.7", RateLimiter.clientKey("203.0.113.7"));
        assertEquals("203.0.113.7", RateLimiter.clientKey("::ffff:203.0.113.7"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", RateLimiter.clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("0:0:0:0:0:0:0:0/64", RateLimiter.clientKey("::1"));
        assertEquals("unknown", RateLimiter.clientKey("unknown"));
    }

    @Test
    void zeroDisables() {
        RateLimiter limiter = limiter(0, 100);
        assertFalse(limiter.enabled());
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limiter.acquire("1.1.1.1"));
        }
        assertEquals(0, limiter.trackedKeys());
    }

    @Test
    void fullBucketsAreSweptWhenManyClientsAreTracked() {
        RateLimiter limiter = limiter(60, 1000);
        for (int i = 0; i <= 1000; i++) {
            limiter.acquire("client-" + i);
        }
        assertEquals(1001, limiter.trackedKeys());
        advanceSeconds(2);
        limiter.acquire("1.1.1.1");
        assertTrue(limiter.trackedKeys() <= 1, "refilled buckets dropped: " + limiter.trackedKeys());
    }

    @Test
    void wallClockConstructorStillWorks() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        RateLimiter limiter = new RateLimiter(2, fixed, 100);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertEquals(30, limiter.acquire("a"));
        assertTrue(new RateLimiter(5).enabled());
    }
}
