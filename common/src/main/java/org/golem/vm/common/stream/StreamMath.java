package org.golem.vm.common.stream;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Stream arithmetic exactly as the StreamPayment v2 contract computes it, for a {@link StreamState} read
 * from the chain and a moment {@code now} (Unix seconds, normally the latest block's timestamp). All
 * amounts are wei (token base units) as {@link BigInteger}; all times are Unix seconds or durations in
 * seconds as {@code long}.
 *
 * <pre>
 * effectiveEnd(now) = min(now, stopTime)          halt and terminate both clamp stopTime in v2
 * vested(now)       = effectiveEnd &lt;= startTime ? 0 : min((effectiveEnd − startTime) × rate, deposit)
 * withdrawable(now) = terminated ? 0 : vested − withdrawn       (never negative)
 * refundable(now)   = terminated ? 0 : deposit − vested
 * remaining(now)    = terminated or halted ? 0 : max(paidUntil − now, 0)
 * paidUntil         = min(stopTime, startTime + floor(deposit / rate))     (= stopTime in v2, see below)
 * top-up of amount  : deposit += amount; stopTime = max(stopTime, now) + floor(amount / rate);
 *                     if now &gt; stopTime, startTime += now − stopTime (the idle gap is not charged)
 * </pre>
 *
 * <p><b>v1 (the original contract).</b> The original contract back-charges the idle gap on a late top-up
 * (it restarts stopTime from now but keeps startTime, so the unpaid gap vests at once) and does not
 * clamp stopTime on terminate (only recipient is zeroed) — docs/contracts.md §4 flaws 1 and 2. These
 * formulas are therefore exact for v2 and a conservative reading for v1:
 * <ul>
 *   <li>vested, withdrawable and refundable of a live v1 stream are exactly the contract's (the vesting
 *       formula is the same; for a terminated stream withdrawable and refundable are 0 in both, but a
 *       v1 terminated stream's {@code vested} keeps growing on paper until the unclamped stopTime);</li>
 *   <li>remaining time and {@link StreamStatus#EXHAUSTED} use {@code paidUntil}, not bare stopTime: in
 *       v2 the two are always equal (create sets {@code stopTime = start + floor(deposit/rate)}, top-ups
 *       add at most {@code floor(amount/rate)} to {@code stopTime − startTime}, halt and terminate only
 *       lower stopTime), while for a v1 stream topped up late, where {@code stopTime − now} overstates the
 *       runway (flaw 1), it gives the real one: the time until vesting reaches the deposit;</li>
 *   <li>{@link #afterTopUp} models the v2 transition (startTime moves forward); v1 does not move it.</li>
 * </ul>
 *
 * <p>Every method throws {@link NullPointerException} for a null state and
 * {@link IllegalArgumentException} for a state with a negative rate, deposit or withdrawn amount.
 */
public final class StreamMath {

    private StreamMath() {
    }

    /**
     * The moment vesting is counted up to: {@code min(now, stopTime)}.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return Unix seconds
     */
    public static long effectiveEnd(StreamState state, long now) {
        check(state);
        return Math.min(now, state.stopTime());
    }

    /**
     * Wei earned by the recipient so far, withdrawn or not:
     * {@code min((effectiveEnd − startTime) × rate, deposit)}, or 0 when {@code effectiveEnd ≤ startTime}
     * or the stream does not exist. The non-divisible remainder {@code deposit mod rate} never vests.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return wei, 0 ≤ vested ≤ deposit
     */
    public static BigInteger vested(StreamState state, long now) {
        check(state);
        if (state.nonexistent()) {
            return BigInteger.ZERO;
        }
        long end = Math.min(now, state.stopTime());
        if (end <= state.startTime()) {
            return BigInteger.ZERO;
        }
        BigInteger elapsed = BigInteger.valueOf(end).subtract(BigInteger.valueOf(state.startTime()));
        return elapsed.multiply(state.ratePerSecond()).min(state.deposit());
    }

    /**
     * Wei the recipient could withdraw now: {@code vested − withdrawn}, never negative; 0 for a
     * terminated or nonexistent stream. The contract reverts {@code "nothing to withdraw"} when this is 0.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return wei, ≥ 0
     */
    public static BigInteger withdrawable(StreamState state, long now) {
        check(state);
        if (state.nonexistent() || state.terminated()) {
            return BigInteger.ZERO;
        }
        return vested(state, now).subtract(state.withdrawn()).max(BigInteger.ZERO);
    }

    /**
     * Wei the sender would get back if the stream were terminated now: {@code deposit − vested}
     * (including the non-vesting remainder {@code deposit mod rate}); 0 for a terminated or nonexistent
     * stream.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return wei, ≥ 0
     */
    public static BigInteger refundable(StreamState state, long now) {
        check(state);
        if (state.nonexistent() || state.terminated()) {
            return BigInteger.ZERO;
        }
        return state.deposit().subtract(vested(state, now));
    }

    /**
     * The moment the deposit stops paying: {@code min(stopTime, startTime + floor(deposit / rate))}.
     * Equal to {@code stopTime} for every v2 stream; earlier than it only for a v1 stream topped up after
     * it ran out (see the class comment). For a zero rate (only a nonexistent stream) it is stopTime.
     *
     * @param state the stream
     * @return Unix seconds
     */
    public static long paidUntil(StreamState state) {
        check(state);
        if (state.ratePerSecond().signum() == 0) {
            return state.stopTime();
        }
        BigInteger fundedEnd = BigInteger.valueOf(state.startTime())
                .add(state.deposit().divide(state.ratePerSecond()));
        return fundedEnd.min(BigInteger.valueOf(state.stopTime())).longValue();
    }

    /**
     * Seconds of paid time left (the runway): {@code max(paidUntil − now, 0)}, which is
     * {@code max(stopTime − now, 0)} for v2; 0 for a terminated, halted or nonexistent stream.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return seconds, ≥ 0
     */
    public static long remainingSeconds(StreamState state, long now) {
        check(state);
        if (state.nonexistent() || state.terminated() || state.halted()) {
            return 0;
        }
        return Math.max(Math.subtractExact(paidUntil(state), now), 0);
    }

    /**
     * The stream's state: {@link StreamStatus#NONEXISTENT} (sender zero), else
     * {@link StreamStatus#TERMINATED} (recipient zero), else {@link StreamStatus#HALTED}, else
     * {@link StreamStatus#EXHAUSTED} ({@code now ≥ paidUntil}, i.e. {@code now ≥ stopTime} for v2), else
     * {@link StreamStatus#ACTIVE}.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return the status
     */
    public static StreamStatus status(StreamState state, long now) {
        check(state);
        if (state.nonexistent()) {
            return StreamStatus.NONEXISTENT;
        }
        if (state.terminated()) {
            return StreamStatus.TERMINATED;
        }
        if (state.halted()) {
            return StreamStatus.HALTED;
        }
        if (now >= paidUntil(state)) {
            return StreamStatus.EXHAUSTED;
        }
        return StreamStatus.ACTIVE;
    }

    /**
     * All derived figures at once: the {@code computed} object of the provider's stream status response.
     *
     * @param state the stream
     * @param now   Unix seconds
     * @return remaining seconds, vested / withdrawable / refundable wei and status at {@code now}
     */
    public static StreamFigures view(StreamState state, long now) {
        return new StreamFigures(now, remainingSeconds(state, now), vested(state, now),
                withdrawable(state, now), refundable(state, now), status(state, now));
    }

    /**
     * Seconds a top-up adds to the stop time: {@code floor(amount / rate)}. The contract reverts
     * {@code "delta=0"} when this is 0; the remainder {@code amount mod rate} only ever comes back to the
     * sender on terminate.
     *
     * @param ratePerSecondWei wei per second, > 0
     * @param amountWei        top-up in wei, ≥ 0
     * @return seconds, ≥ 0
     * @throws IllegalArgumentException if the rate is ≤ 0 or the amount is negative
     * @throws ArithmeticException      if the result does not fit a {@code long}
     * @throws NullPointerException     if an argument is null
     */
    public static long topUpExtensionSeconds(BigInteger ratePerSecondWei, BigInteger amountWei) {
        Objects.requireNonNull(ratePerSecondWei, "ratePerSecondWei");
        Objects.requireNonNull(amountWei, "amountWei");
        if (ratePerSecondWei.signum() <= 0) {
            throw new IllegalArgumentException("rate per second (wei) must be positive: " + ratePerSecondWei);
        }
        if (amountWei.signum() < 0) {
            throw new IllegalArgumentException("top-up amount (wei) must not be negative: " + amountWei);
        }
        return amountWei.divide(ratePerSecondWei).longValueExact();
    }

    /**
     * The stop time after a top-up at {@code now}: {@code max(stopTime, now) + floor(amount / rate)}.
     * Does not check whether the contract would accept the top-up; {@link #afterTopUp} does.
     *
     * @param state     the stream
     * @param amountWei top-up in wei, ≥ 0
     * @param now       Unix seconds of the top-up's block
     * @return Unix seconds
     * @throws IllegalArgumentException if the stream's rate is ≤ 0 or the amount is negative
     * @throws ArithmeticException      if the result does not fit a {@code long}
     */
    public static long stopTimeAfterTopUp(StreamState state, BigInteger amountWei, long now) {
        check(state);
        return Math.addExact(Math.max(state.stopTime(), now),
                topUpExtensionSeconds(state.ratePerSecond(), amountWei));
    }

    /**
     * The stream as the v2 contract stores it after {@code topUp(amount)} in a block at {@code now}:
     * deposit + amount; stopTime = {@code max(stopTime, now) + floor(amount / rate)}; and when
     * {@code now > stopTime} startTime moves forward by {@code now − stopTime}, so the idle gap is not
     * charged. Refusals follow the contract's revert order (the sender check is not modelled).
     *
     * @param state     the stream before the top-up
     * @param amountWei top-up in wei
     * @param now       Unix seconds of the top-up's block
     * @return the stream after the top-up
     * @throws IllegalStateException    {@code "no-stream"} for a nonexistent or terminated stream,
     *                                  {@code "halted"} for a halted one
     * @throws IllegalArgumentException {@code "amount=0"} for a zero amount, for a negative amount, and
     *                                  {@code "delta=0"} when the amount is less than one second of rate
     * @throws ArithmeticException      if a time does not fit a {@code long}
     * @throws NullPointerException     if an argument is null
     */
    public static StreamState afterTopUp(StreamState state, BigInteger amountWei, long now) {
        check(state);
        Objects.requireNonNull(amountWei, "amountWei");
        if (state.nonexistent() || state.terminated()) {
            throw new IllegalStateException("no-stream: the stream does not exist or was terminated");
        }
        if (state.halted()) {
            throw new IllegalStateException("halted: a halted stream cannot be topped up");
        }
        if (amountWei.signum() == 0) {
            throw new IllegalArgumentException("amount=0: the top-up amount must be positive");
        }
        long delta = topUpExtensionSeconds(state.ratePerSecond(), amountWei);
        if (delta == 0) {
            throw new IllegalArgumentException("delta=0: the top-up " + amountWei
                    + " wei is less than one second at " + state.ratePerSecond() + " wei/s");
        }
        long startTime = state.startTime();
        if (now > state.stopTime()) {
            startTime = Math.addExact(startTime, Math.subtractExact(now, state.stopTime()));
        }
        long stopTime = Math.addExact(Math.max(state.stopTime(), now), delta);
        return new StreamState(state.token(), state.sender(), state.recipient(), startTime, stopTime,
                state.ratePerSecond(), state.deposit().add(amountWei), state.withdrawn(), state.halted());
    }

    /**
     * Wei to top up at {@code now} so that the runway reaches {@code targetRunwaySeconds}:
     * {@code (target − remaining) × rate} if positive, else 0. Such an amount is always a whole number of
     * seconds, so the contract's floor division loses nothing.
     *
     * @param state               the stream
     * @param now                 Unix seconds
     * @param targetRunwaySeconds wanted seconds of paid time from {@code now}, ≥ 0
     * @return wei, ≥ 0
     * @throws IllegalArgumentException if the target is negative or the stream's rate is ≤ 0
     * @throws IllegalStateException    if the stream is nonexistent, terminated or halted (the contract
     *                                  would refuse any top-up)
     */
    public static BigInteger topUpWeiForRunway(StreamState state, long now, long targetRunwaySeconds) {
        check(state);
        if (targetRunwaySeconds < 0) {
            throw new IllegalArgumentException("target runway (seconds) must not be negative: "
                    + targetRunwaySeconds);
        }
        if (state.nonexistent() || state.terminated()) {
            throw new IllegalStateException("no-stream: the stream does not exist or was terminated");
        }
        if (state.halted()) {
            throw new IllegalStateException("halted: a halted stream cannot be topped up");
        }
        if (state.ratePerSecond().signum() <= 0) {
            throw new IllegalArgumentException("rate per second (wei) must be positive: " + state.ratePerSecond());
        }
        long missing = targetRunwaySeconds - remainingSeconds(state, now);
        if (missing <= 0) {
            return BigInteger.ZERO;
        }
        return BigInteger.valueOf(missing).multiply(state.ratePerSecond());
    }

    private static void check(StreamState state) {
        Objects.requireNonNull(state, "state");
        if (state.ratePerSecond().signum() < 0) {
            throw new IllegalArgumentException("ratePerSecond must not be negative: " + state.ratePerSecond());
        }
        if (state.deposit().signum() < 0) {
            throw new IllegalArgumentException("deposit must not be negative: " + state.deposit());
        }
        if (state.withdrawn().signum() < 0) {
            throw new IllegalArgumentException("withdrawn must not be negative: " + state.withdrawn());
        }
    }
}
