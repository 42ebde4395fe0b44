package org.golem.vm.common.stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a stream stands at a given moment, as derived by {@link StreamMath#status}. On the wire the
 * value is the lower-case name ({@code "active"}, {@code "exhausted"}, ...).
 *
 * <p>The states are checked in declaration order; the first that applies wins.
 */
public enum StreamStatus {
    /** No stream was ever stored under the id (sender is the zero address). */
    NONEXISTENT,
    /** Terminated by sender or recipient (recipient zeroed): paid out and refunded, nothing more moves. */
    TERMINATED,
    /** Frozen by the oracle: vesting stopped at the halt time; cannot be topped up. */
    HALTED,
    /** The paid time is over ({@code now ≥ stopTime}); a top-up would revive it. */
    EXHAUSTED,
    /** Running and paid for a further {@link StreamMath#remainingSeconds} seconds. */
    ACTIVE;

    /**
     * @return the JSON form, the lower-case name
     */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the JSON form (case-insensitive).
     *
     * @param value e.g. {@code "active"}
     * @return the status
     * @throws IllegalArgumentException if the value names no status
     * @throws NullPointerException     if the value is null
     */
    @JsonCreator
    public static StreamStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
