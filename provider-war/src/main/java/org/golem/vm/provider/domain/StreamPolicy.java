package org.golem.vm.provider.domain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;

/**
 * The provider's rules for the streams that pay for its VMs (docs/contracts.md; stricter than the original
 * provider, which never noticed a terminated stream). Pure: the caller reads the stream and the chain's time.
 *
 * <p>Accepting a stream for a new VM ({@link #acceptForCreation}): it exists, its recipient is this provider, its
 * token is this provider's token, it is neither halted nor terminated, its rate covers the provider's price for the
 * requested resources, and it has at least the minimum runway left. (The sender check and the one-stream-one-VM
 * rule are the caller's: they need the signer and the bindings.)
 *
 * <p>Keeping a VM running ({@link #keepRunning}): the stream exists, still names this provider as recipient (a
 * terminate zeroes it), is not halted, and has runway left.
 *
 * @param provider          the provider's address (the required recipient)
 * @param token             the stream token the provider accepts (zero address = native ETH)
 * @param minRunwaySeconds  runway a stream must have left when a VM is created or started
 */
public record StreamPolicy(String provider, String token, long minRunwaySeconds) {

    /** Why a stream is not acceptable: a machine-readable code and the reason text. */
    public record Rejection(String code, String reason) {
    }

    public StreamPolicy {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(token, "token");
    }

    /**
     * @param state        the stream as stored on chain
     * @param now          the chain's time (latest block timestamp), Unix seconds
     * @param requiredRate the provider's price for the requested resources, wei per second
     * @return empty when the stream may pay for a new VM, else why not
     */
    public Optional<Rejection> acceptForCreation(StreamState state, long now, BigInteger requiredRate) {
        Optional<Rejection> basic = keepRunning(state, now);
        if (basic.isPresent()) {
            return basic;
        }
        if (!state.token().equalsIgnoreCase(token)) {
            return reject("STREAM_WRONG_TOKEN", "token mismatch: the stream pays in " + state.token()
                    + ", this provider accepts " + token);
        }
        if (state.ratePerSecond().compareTo(requiredRate) < 0) {
            return reject("STREAM_RATE_TOO_LOW", "rate too low: " + state.ratePerSecond()
                    + " wei/s offered, " + requiredRate + " wei/s required for the requested resources");
        }
        return runwayAtLeastMinimum(state, now);
    }

    /**
     * Whether a stopped VM may be started again on its stream: {@link #keepRunning} plus the minimum runway.
     *
     * @param state the stream
     * @param now   chain time, Unix seconds
     * @return empty when it may, else why not
     */
    public Optional<Rejection> acceptForStart(StreamState state, long now) {
        Optional<Rejection> basic = keepRunning(state, now);
        return basic.isPresent() ? basic : runwayAtLeastMinimum(state, now);
    }

    /**
     * Whether a VM may keep running on its stream.
     *
     * @param state the stream
     * @param now   chain time, Unix seconds
     * @return empty when it may, else why not (the monitor stops the VM)
     */
    public Optional<Rejection> keepRunning(StreamState state, long now) {
        StreamStatus status = StreamMath.status(state, now);
        switch (status) {
            case NONEXISTENT:
                return reject("STREAM_NOT_FOUND", "stream not found");
            case TERMINATED:
                return reject("STREAM_TERMINATED", "stream terminated");
            case HALTED:
                return reject("STREAM_HALTED", "stream halted");
            default:
                break;
        }
        if (!state.recipient().equalsIgnoreCase(provider)) {
            return reject("STREAM_WRONG_RECIPIENT", "recipient mismatch: the stream pays " + state.recipient()
                    + ", not this provider (" + provider + ")");
        }
        if (status == StreamStatus.EXHAUSTED) {
            return reject("STREAM_EXHAUSTED", "stream ran out: paid time ended");
        }
        return Optional.empty();
    }

    private Optional<Rejection> runwayAtLeastMinimum(StreamState state, long now) {
        long remaining = StreamMath.remainingSeconds(state, now);
        if (remaining < minRunwaySeconds) {
            return reject("STREAM_RUNWAY_TOO_SHORT", "runway too short: " + remaining + " s paid, at least "
                    + minRunwaySeconds + " s required");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String code, String reason) {
        return Optional.of(new Rejection(code, reason));
    }
}
