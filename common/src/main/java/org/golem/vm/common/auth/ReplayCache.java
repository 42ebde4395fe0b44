package org.golem.vm.common.auth;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The in-JVM {@link ReplayMemory}: accepted signatures in a map, lost when the process ends and not shared between
 * processes. The services keep theirs in their database ({@link JdbcReplayMemory}) so that a signed request
 * captured before a restart, or sent to another instance, is still refused; this one serves unit tests and tools.
 *
 * <p><b>Lifetime.</b> A signature with timestamp {@code ts} can pass the time check while
 * {@code now <= ts + window}, so it is remembered exactly until then and forgotten once
 * {@code now > ts + window} (after that the time check refuses it anyway). Expired entries are purged on
 * every {@link #record} and {@link #size} call, so memory is bounded by the number of signatures accepted
 * within a window (at most 2 windows' worth, because timestamps may be up to one window in the future).
 * All time is read from the injected {@link Clock}, in whole seconds.
 *
 * <p><b>Normalisation.</b> Keys are {@link ReplayMemory#normalise normalised} before lookup so that re-encodings
 * of one signature count as the same signature: lower-case hex, v 0/1 mapped to 27/28, and s mapped to its EIP-2
 * low-s form (with v flipped). Otherwise a replay with {@code v=00} instead of {@code 1b}, upper-case hex or the
 * malleated {@code (r, n-s)} twin would slip past the cache. ({@link RequestVerifier} refuses high-s signatures
 * outright; the low-s mapping here is defence in depth for other callers.)
 *
 * <p><b>Capacity.</b> At most {@code maxEntries} unexpired signatures are kept (default
 * {@value #DEFAULT_MAX_ENTRIES}, about 25 MB). When the cache is full of unexpired entries nothing is
 * evicted (forgetting a live signature would reopen it for replay); the new signature is refused with
 * {@link Outcome#FULL} instead, until entries expire. {@link RequestVerifier} reports this as
 * {@code AUTH_REPLAY} with a message saying the server is busy. Sustaining that needs more than
 * {@code maxEntries / window} valid signed requests per second (333/s with the defaults), which a deployment
 * should rate-limit before this point. It never answers {@link Outcome#UNAVAILABLE}.
 *
 * <p>Thread-safe (all methods are synchronized; each operation is O(log n)).
 */
public final class ReplayCache implements ReplayMemory {
    /** Default capacity: 100,000 unexpired signatures. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Entry(long expiresAt, String key) {
    }

    private final Limits limits;
    private final Clock clock;
    private final long windowSeconds;
    private final int maxEntries;
    private final Map<String, Long> expiryByKey = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparingLong(Entry::expiresAt));

    /**
     * @param clock         time source (whole seconds are used)
     * @param windowSeconds the accepted clock skew in seconds, {@code > 0} (the services use 300)
     * @param maxEntries    capacity, {@code > 0}
     * @throws IllegalArgumentException if windowSeconds or maxEntries is not positive
     * @throws NullPointerException     if clock is null
     */
    public ReplayCache(Clock clock, long windowSeconds, int maxEntries) {
        this.limits = new Limits(clock, windowSeconds, maxEntries);
        this.clock = clock;
        this.windowSeconds = windowSeconds;
        this.maxEntries = maxEntries;
    }

    /**
     * A cache with the services' 300-second window and {@value #DEFAULT_MAX_ENTRIES} entries.
     *
     * @param clock time source
     */
    public ReplayCache(Clock clock) {
        this(clock, RequestVerifier.DEFAULT_WINDOW_SECONDS, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Records a signature unless it was seen before. Purges expired entries first.
     *
     * @param signature        {@code 0x} + 130 hex (r ‖ s ‖ v), any case, v 27/28 or 0/1
     * @param timestampSeconds the signed X-Golem-Timestamp, Unix seconds
     * @return {@link Outcome#RECORDED} if new, else {@link Outcome#REPLAY}, {@link Outcome#EXPIRED} or
     *         {@link Outcome#FULL}
     * @throws IllegalArgumentException if the signature is not well formed (see {@link #normalise})
     */
    @Override
    public synchronized Outcome record(String signature, long timestampSeconds) {
        String key = normalise(signature);
        long now = clock.instant().getEpochSecond();
        purge(now);
        long expiresAt = ReplayMemory.expiresAt(timestampSeconds, windowSeconds);
        if (expiresAt < now) {
            return Outcome.EXPIRED;
        }
        if (expiryByKey.containsKey(key)) {
            return Outcome.REPLAY;
        }
        if (expiryByKey.size() >= maxEntries) {
            return Outcome.FULL;
        }
        expiryByKey.put(key, expiresAt);
        byExpiry.add(new Entry(expiresAt, key));
        return Outcome.RECORDED;
    }

    @Override
    public synchronized int purgeExpired() {
        int before = expiryByKey.size();
        purge(clock.instant().getEpochSecond());
        return before - expiryByKey.size();
    }

    /** @return the number of unexpired signatures remembered (expired ones are purged first) */
    @Override
    public synchronized int size() {
        purge(clock.instant().getEpochSecond());
        return expiryByKey.size();
    }

    @Override
    public Limits limits() {
        return limits;
    }

    /**
     * The cache key of a signature, {@link ReplayMemory#normalise}: {@code 0x} + 130 lower-case hex with low s
     * (EIP-2) and v as 1b/1c. Two encodings of the same signature (hex case, v 0/1 vs 27/28, s vs n - s with v
     * flipped) give the same key.
     *
     * @param signature {@code 0x} + 130 hex, v one of 0, 1, 27, 28
     * @return the normalised form
     * @throws IllegalArgumentException if the signature has another shape or v
     */
    public static String normalise(String signature) {
        return ReplayMemory.normalise(signature);
    }

    private void purge(long now) {
        Entry head;
        while ((head = byExpiry.peek()) != null && head.expiresAt() < now) {
            byExpiry.poll();
            expiryByKey.remove(head.key());
        }
    }
}
