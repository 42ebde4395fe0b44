package org.golem.vm.common.rest;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key (client address) token bucket: up to {@code perMinute} requests in a burst, refilled continuously at
 * {@code perMinute / 60} per second. Thread-safe, in memory, per instance (behind a load balancer each instance
 * limits on its own).
 *
 * <p>Memory stays bounded: when more than {@code maxKeys} keys are tracked, buckets that have refilled completely
 * (idle clients) are dropped; a full bucket is the state a new client starts in, so dropping it changes nothing.
 * The original kept every timestamp of every IP forever.
 */
public final class RateLimiter {

    /** Keys tracked before idle buckets are swept. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final long perMinute;
    private final Clock clock;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute requests allowed per key per minute; 0 or less disables the limit
     * @param clock     time source
     * @param maxKeys   keys tracked before idle ones are swept
     */
    public RateLimiter(long perMinute, Clock clock, int maxKeys) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** @param perMinute requests per key per minute; 0 or less disables */
    public RateLimiter(long perMinute) {
        this(perMinute, Clock.systemUTC(), DEFAULT_MAX_KEYS);
    }

    /** @return whether the limiter limits anything */
    public boolean enabled() {
        return perMinute > 0;
    }

    /**
     * Takes one request from the key's budget.
     *
     * @param key the client, e.g. its IP address
     * @return 0 when allowed, else the whole seconds until a request will be allowed again (≥ 1)
     */
    public long acquire(String key) {
        if (perMinute <= 0) {
            return 0;
        }
        long nowNanos = clock.millis() * 1_000_000L;
        if (buckets.size() > maxKeys) {
            sweep(nowNanos);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nowNanos));
        synchronized (bucket) {
            bucket.refill(perMinute, nowNanos);
            if (bucket.tokens >= 1.0) {
                bucket.tokens -= 1.0;
                return 0;
            }
            double secondsToOne = (1.0 - bucket.tokens) * 60.0 / perMinute;
            return Math.max(1, (long) Math.ceil(secondsToOne));
        }
    }

    /** @return how many keys are tracked now */
    public int trackedKeys() {
        return buckets.size();
    }

    private void sweep(long nowNanos) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                b.refill(perMinute, nowNanos);
                if (b.tokens >= perMinute) {
                    it.remove();
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(long capacity, long nowNanos) {
            this.tokens = capacity;
            this.updatedNanos = nowNanos;
        }

        void refill(long perMinute, long nowNanos) {
            long elapsed = nowNanos - updatedNanos;
            if (elapsed > 0) {
                tokens = Math.min(perMinute, tokens + elapsed * (perMinute / 60e9));
                updatedNanos = nowNanos;
            }
        }
    }
}
