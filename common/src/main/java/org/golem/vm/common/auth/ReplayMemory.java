package org.golem.vm.common.auth;

import java.time.Clock;
import java.util.Objects;

/**
 * The memory of accepted signatures behind {@link RequestVerifier}'s replay check (step 4): a signature accepted
 * once is refused for as long as its timestamp could still pass the time check.
 *
 * <p><b>Lifetime.</b> A signature signed at {@code ts} (Unix seconds) passes the time check while
 * {@code now <= ts + window}, so it is remembered until {@link #expiresAt expiresAt(ts, window)} and may be
 * forgotten once {@code now} is past it (the time check refuses it from then on anyway).
 *
 * <p><b>Keys.</b> Signatures are remembered in their {@link #normalise normalised} form, so re-encodings of one
 * signature (hex case, v 0/1 or 27/28, s or its EIP-2 twin n - s) are one signature.
 *
 * <p>Two implementations: {@link ReplayCache} keeps the memory in the JVM (unit tests, tools; lost on restart,
 * not shared), {@link JdbcReplayMemory} keeps it in a table of the service's database (survives a restart and is
 * shared by every instance on that database; what the services use). Implementations are thread-safe.
 */
public interface ReplayMemory {

    /** Result of {@link #record}. */
    enum Outcome {
        /** First time seen: now remembered until its timestamp leaves the window. */
        RECORDED,
        /** Already remembered: a replay. */
        REPLAY,
        /** {@code timestamp + window} is already in the past: it would be forgotten at once, so it is refused. */
        EXPIRED,
        /** The memory holds {@link #maxEntries()} unexpired signatures; nothing was evicted or recorded. */
        FULL,
        /**
         * The memory could not be consulted (its database failed): nothing is known about the signature and
         * nothing was recorded, so the request must be refused, never accepted unchecked.
         */
        UNAVAILABLE
    }

    /**
     * Records a signature unless it is already remembered, atomically (of two concurrent calls with one
     * signature, at most one returns {@link Outcome#RECORDED}, also across instances sharing a database).
     *
     * @param signature        {@code 0x} + 130 hex (r ‖ s ‖ v), any case, v 27/28 or 0/1
     * @param timestampSeconds the signed {@code X-Golem-Timestamp}, Unix seconds
     * @return {@link Outcome#RECORDED} if new, else why it was not recorded
     * @throws IllegalArgumentException if the signature is not well formed (see {@link #normalise})
     */
    Outcome record(String signature, long timestampSeconds);

    /**
     * Forgets every signature whose timestamp has left the window ({@code expiresAt < now}).
     *
     * @return how many were forgotten
     * @throws IllegalStateException if the memory cannot be reached (its database failed); nothing is lost,
     *                               the next purge forgets them
     */
    int purgeExpired();

    /**
     * @return the number of unexpired signatures remembered
     * @throws IllegalStateException if the memory cannot be reached (its database failed)
     */
    int size();

    /**
     * What every memory is configured with.
     *
     * @param clock         time source (whole seconds are used)
     * @param windowSeconds the accepted clock skew in seconds, {@code > 0} (also how long a signature is remembered
     *                      past its timestamp)
     * @param maxEntries    the most unexpired signatures remembered before {@link Outcome#FULL}, {@code > 0}
     */
    record Limits(Clock clock, long windowSeconds, int maxEntries) {
        /**
         * @throws NullPointerException     if clock is null
         * @throws IllegalArgumentException if windowSeconds or maxEntries is not positive
         */
        public Limits {
            Objects.requireNonNull(clock, "clock");
            if (windowSeconds <= 0) {
                throw new IllegalArgumentException("windowSeconds must be > 0, got " + windowSeconds);
            }
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("maxEntries must be > 0, got " + maxEntries);
            }
        }
    }

    /** @return the clock, window and capacity of this memory */
    Limits limits();

    /** @return the accepted clock skew in seconds (also how long a signature is remembered past its timestamp) */
    default long windowSeconds() {
        return limits().windowSeconds();
    }

    /** @return the most unexpired signatures remembered before {@link Outcome#FULL} */
    default int maxEntries() {
        return limits().maxEntries();
    }

    /** @return the clock this memory reads (whole seconds are used) */
    default Clock clock() {
        return limits().clock();
    }

    /**
     * The key a signature is remembered under: {@code 0x} + 130 lower-case hex with low s (EIP-2) and v as
     * 1b/1c. Two encodings of the same signature (hex case, v 0/1 vs 27/28, s vs n - s with v flipped) give the
     * same key.
     *
     * @param signature {@code 0x} + 130 hex, v one of 0, 1, 27, 28
     * @return the normalised form, 132 characters
     * @throws IllegalArgumentException if the signature has another shape or v
     */
    static String normalise(String signature) {
        return SignatureHex.parse(signature).lowS().toHex();
    }

    /**
     * Until when a signature must be remembered.
     *
     * @param timestampSeconds the signed timestamp, Unix seconds
     * @param windowSeconds    the accepted clock skew, seconds, {@code > 0}
     * @return {@code timestampSeconds + windowSeconds}, Unix seconds ({@link Long#MAX_VALUE} on overflow)
     */
    static long expiresAt(long timestampSeconds, long windowSeconds) {
        return timestampSeconds > Long.MAX_VALUE - windowSeconds ? Long.MAX_VALUE : timestampSeconds + windowSeconds;
    }
}
