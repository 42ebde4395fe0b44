package org.golem.vm.common.rest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.golem.vm.common.net.IpLiteral;

/**
 * Per-key (client) token bucket: up to {@code perMinute} requests in a burst, refilled continuously at
 * {@code perMinute / 60} per second. Thread-safe, in memory, per instance (behind a load balancer each instance
 * limits on its own).
 *
 * <p>Keys are whatever the caller passes; for client addresses use {@link #clientKey(String)}, which puts a whole
 * IPv6 /64 into one bucket (one subscriber usually owns a /64, so per-address buckets would be free to multiply).
 *
 * <p>Memory stays bounded: when more than {@code maxKeys} keys are tracked, buckets that have refilled completely
 * (idle clients) are dropped; a full bucket is the state a new client starts in, so dropping it changes nothing.
 * The original kept every timestamp of every IP forever.
 */
public final class RateLimiter {

    /** Keys tracked before idle buckets are swept. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final long perMinute;
    private final LongSupplier nanoTime;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute requests allowed per key per minute (also the burst size); 0 or less disables the limit
     * @param nanoTime  a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake one)
     * @param maxKeys   keys tracked before idle ones are swept
     */
    public RateLimiter(long perMinute, LongSupplier nanoTime, int maxKeys) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.maxKeys = maxKeys;
    }

    /**
     * @param perMinute requests allowed per key per minute; 0 or less disables the limit
     * @param clock     time source (millisecond resolution)
     * @param maxKeys   keys tracked before idle ones are swept
     */
    public RateLimiter(long perMinute, Clock clock, int maxKeys) {
        this(perMinute, () -> clock.millis() * 1_000_000L, maxKeys);
    }

    /** @param perMinute requests per key per minute; 0 or less disables. Uses the monotonic {@code System.nanoTime}. */
    public RateLimiter(long perMinute) {
        this(perMinute, System::nanoTime, DEFAULT_MAX_KEYS);
    }

    /** @return whether the limiter limits anything */
    public boolean enabled() {
        return perMinute > 0;
    }

    /** @return requests per key per minute (0 or less: disabled) */
    public long perMinute() {
        return perMinute;
    }

    /**
     * Takes one request from the key's budget.
     *
     * @param key the client, e.g. {@link #clientKey(String)} of its address
     * @return 0 when allowed, else the whole seconds until a request will be allowed again (≥ 1)
     */
    public long acquire(String key) {
        if (perMinute <= 0) {
            return 0;
        }
        long nowNanos = nanoTime.getAsLong();
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
            return Math.max(1, (long) Math.ceil(secondsToOne - 1e-9));
        }
    }

    /** @return how many keys are tracked now */
    public int trackedKeys() {
        return buckets.size();
    }

    /**
     * The bucket key of a client address: an IPv4 address as itself, an IPv6 address by its /64 prefix
     * ({@code 2001:db8:1:2::/64}); an IPv4-mapped IPv6 address counts as the IPv4 address.
     *
     * @param address the client's IP literal ({@link ClientAddresses#resolve(String, String)})
     * @return the key; {@code address} unchanged when it is not an IP literal
     */
    public static String clientKey(String address) {
        Optional<InetAddress> parsed = IpLiteral.tryParse(address);
        if (parsed.isEmpty()) {
            return address;
        }
        InetAddress canonical = IpLiteral.canonical(parsed.get());
        if (!(canonical instanceof Inet6Address)) {
            return IpLiteral.format(canonical);
        }
        byte[] prefix = Arrays.copyOf(canonical.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return IpLiteral.format(InetAddress.getByAddress(prefix)) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 16 bytes
        }
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
