package org.golem.vm.common.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StreamMathTest {

    private static final String TOKEN = "0x1111111111111111111111111111111111111111";
    private static final String SENDER = "0x2222222222222222222222222222222222222222";
    private static final String PROVIDER = "0x3333333333333333333333333333333333333333";
    private static final String ZERO = StreamState.ZERO_ADDRESS;
    private static final long START = 1_700_000_000L;

    /** Whole-token units in wei: u("10.5") = 10.5 × 10^18. */
    private static BigInteger u(String units) {
        return new BigDecimal(units).movePointRight(18).toBigIntegerExact();
    }

    private static StreamState stream(long start, long stop, String rate, String deposit, String withdrawn,
                                      boolean halted, String recipient) {
        return new StreamState(TOKEN, SENDER, recipient, start, stop, u(rate), u(deposit), u(withdrawn), halted);
    }

    /** As created: deposit 10.5 units at 1 unit/s → stopTime = start + floor(10.5) = start + 10. */
    private static final StreamState TEN_AND_A_HALF =
            stream(START, START + 10, "1", "10.5", "0", false, PROVIDER);

    @Test
    void beforeStartNothingVests() {
        StreamFigures f = StreamMath.view(TEN_AND_A_HALF, START - 5);
        assertEquals(BigInteger.ZERO, f.vestedWei());
        assertEquals(BigInteger.ZERO, f.withdrawableWei());
        assertEquals(u("10.5"), f.refundableWei());
        assertEquals(15, f.remainingSeconds());
        assertEquals(StreamStatus.ACTIVE, f.status());
        assertEquals(BigInteger.ZERO, StreamMath.vested(TEN_AND_A_HALF, START));
    }

    @Test
    void midStreamVestsRateTimesElapsed() {
        StreamState s = stream(START, START + 10, "1", "10.5", "1", false, PROVIDER);
        StreamFigures f = StreamMath.view(s, START + 4);
        assertEquals(START + 4, f.now());
        assertEquals(u("4"), f.vestedWei());
        assertEquals(u("3"), f.withdrawableWei()); // 4 vested − 1 already withdrawn
        assertEquals(u("6.5"), f.refundableWei());
        assertEquals(6, f.remainingSeconds());
        assertEquals(StreamStatus.ACTIVE, f.status());
    }

    @Test
    void afterStopVestingIsCappedAndTheRemainderIsRefundable() {
        // docs/contracts.md §2: deposit 10.5, rate 1/s → 10 vest, 0.5 refunded
        for (long now : new long[] {START + 10, START + 11, START + 100_000}) {
            StreamFigures f = StreamMath.view(TEN_AND_A_HALF, now);
            assertEquals(u("10"), f.vestedWei(), "at " + now);
            assertEquals(u("10"), f.withdrawableWei());
            assertEquals(u("0.5"), f.refundableWei());
            assertEquals(0, f.remainingSeconds());
            assertEquals(StreamStatus.EXHAUSTED, f.status());
        }
        assertEquals(StreamStatus.ACTIVE, StreamMath.status(TEN_AND_A_HALF, START + 9));
    }

    @Test
    void vestedNeverExceedsDeposit() {
        // a stopTime beyond what the deposit pays (a v1 stream topped up late, docs/contracts.md §4 flaw 1)
        StreamState s = stream(START, START + 20, "1", "10.5", "0", false, PROVIDER);
        assertEquals(u("10.5"), StreamMath.vested(s, START + 15));
        assertEquals(BigInteger.ZERO, StreamMath.refundable(s, START + 15));
    }

    @Test
    void withdrawableIsNeverNegative() {
        StreamState fullyWithdrawn = stream(START, START + 10, "1", "10.5", "10", false, PROVIDER);
        assertEquals(BigInteger.ZERO, StreamMath.withdrawable(fullyWithdrawn, START + 50));
        assertEquals(BigInteger.ZERO, StreamMath.withdrawable(fullyWithdrawn, START + 3));
    }

    @Test
    void haltedStreamFreezesAtTheHaltTime() {
        // oracle halted at START + 4: stopTime clamped to START + 4
        StreamState s = stream(START, START + 4, "1", "10.5", "0", true, PROVIDER);
        StreamFigures f = StreamMath.view(s, START + 8);
        assertEquals(u("4"), f.vestedWei());
        assertEquals(u("4"), f.withdrawableWei()); // withdraw is allowed while halted
        assertEquals(u("6.5"), f.refundableWei());
        assertEquals(0, f.remainingSeconds());
        assertEquals(StreamStatus.HALTED, f.status());
        // halted wins over exhausted, and remaining is 0 even if stopTime is still ahead
        StreamState haltedBeforeClamp = stream(START, START + 10, "1", "10.5", "0", true, PROVIDER);
        assertEquals(0, StreamMath.remainingSeconds(haltedBeforeClamp, START + 2));
        assertEquals(StreamStatus.HALTED, StreamMath.status(haltedBeforeClamp, START + 2));
        assertEquals(StreamStatus.HALTED, StreamMath.status(s, START + 100));
    }

    @Test
    void terminatedStreamHasNothingLeftToMove() {
        // v2 terminate at START + 4: stopTime clamped, 4 units paid to the provider, recipient zeroed
        StreamState s = stream(START, START + 4, "1", "10.5", "4", false, ZERO);
        StreamFigures f = StreamMath.view(s, START + 8);
        assertEquals(u("4"), f.vestedWei());
        assertEquals(BigInteger.ZERO, f.withdrawableWei());
        assertEquals(BigInteger.ZERO, f.refundableWei());
        assertEquals(0, f.remainingSeconds());
        assertEquals(StreamStatus.TERMINATED, f.status());
        // terminated wins over halted; a v1 terminated stream (stopTime not clamped) shows no runway either
        assertEquals(StreamStatus.TERMINATED,
                StreamMath.status(stream(START, START + 4, "1", "10.5", "0", true, ZERO), START + 1));
        StreamState v1 = stream(START, START + 10, "1", "10.5", "2", false, ZERO);
        assertEquals(0, StreamMath.remainingSeconds(v1, START + 2));
        assertEquals(BigInteger.ZERO, StreamMath.withdrawable(v1, START + 8));
    }

    @Test
    void nonexistentStreamIsAllZeros() {
        StreamState none = new StreamState(ZERO, ZERO, ZERO, 0, 0, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, false);
        StreamFigures f = StreamMath.view(none, START);
        assertEquals(new StreamFigures(START, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                StreamStatus.NONEXISTENT), f);
    }

    @Test
    void lateTopUpDoesNotChargeTheIdleGap() {
        // docs/contracts.md §4 flaw 1 scenario: 10 s stream, top-up of 50 s worth 92 s after start
        StreamState s = stream(START, START + 10, "1", "10", "0", false, PROVIDER);
        StreamState after = StreamMath.afterTopUp(s, u("50"), START + 92);
        assertEquals(START + 82, after.startTime()); // moved forward by the 82 s gap
        assertEquals(START + 142, after.stopTime());
        assertEquals(u("60"), after.deposit());
        StreamFigures f = StreamMath.view(after, START + 92);
        assertEquals(u("10"), f.vestedWei()); // only the 10 s that were paid, not 60
        assertEquals(u("50"), f.refundableWei());
        assertEquals(50, f.remainingSeconds());
        assertEquals(StreamStatus.ACTIVE, f.status());
        assertEquals(u("35"), StreamMath.vested(after, START + 117));
        assertEquals(u("60"), StreamMath.vested(after, START + 500));

        // The same chain state under v1 (startTime not moved): everything vests at once and the runway
        // implied by stopTime is not real; this reading reports it as exhausted.
        StreamState v1 = stream(START, START + 142, "1", "60", "0", false, PROVIDER);
        assertEquals(u("60"), StreamMath.vested(v1, START + 92));
        assertEquals(0, StreamMath.remainingSeconds(v1, START + 92));
        assertEquals(StreamStatus.EXHAUSTED, StreamMath.status(v1, START + 92));
        assertEquals(START + 60, StreamMath.paidUntil(v1));
        assertEquals(START + 142, StreamMath.paidUntil(after));
    }

    @Test
    void inTimeTopUpExtendsStopTimeAndKeepsStart() {
        StreamState after = StreamMath.afterTopUp(TEN_AND_A_HALF, u("5.5"), START + 5);
        assertEquals(START, after.startTime());
        assertEquals(START + 15, after.stopTime()); // 10 + floor(5.5)
        assertEquals(u("16"), after.deposit());
        // both half-unit remainders never vest and come back on terminate
        assertEquals(u("15"), StreamMath.vested(after, START + 1000));
        assertEquals(u("1"), StreamMath.refundable(after, START + 1000));
        // a top-up exactly at stopTime has no gap
        StreamState atStop = StreamMath.afterTopUp(TEN_AND_A_HALF, u("3"), START + 10);
        assertEquals(START, atStop.startTime());
        assertEquals(START + 13, atStop.stopTime());
        assertEquals(START + 13, StreamMath.stopTimeAfterTopUp(TEN_AND_A_HALF, u("3"), START + 10));
        assertEquals(START + 103, StreamMath.stopTimeAfterTopUp(TEN_AND_A_HALF, u("3"), START + 100));
    }

    @Test
    void topUpRefusalsFollowTheContract() {
        IllegalStateException halted = assertThrows(IllegalStateException.class, () -> StreamMath.afterTopUp(
                stream(START, START + 4, "1", "10", "0", true, PROVIDER), u("5"), START + 5));
        assertTrue(halted.getMessage().startsWith("halted"), halted.getMessage());
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> StreamMath.afterTopUp(
                stream(START, START + 4, "1", "10", "4", false, ZERO), u("5"), START + 5));
        assertTrue(gone.getMessage().startsWith("no-stream"), gone.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> StreamMath.afterTopUp(TEN_AND_A_HALF, BigInteger.ZERO, START + 5));
        assertTrue(zero.getMessage().startsWith("amount=0"), zero.getMessage());
        IllegalArgumentException delta = assertThrows(IllegalArgumentException.class,
                () -> StreamMath.afterTopUp(TEN_AND_A_HALF, u("0.5"), START + 5));
        assertTrue(delta.getMessage().startsWith("delta=0"), delta.getMessage());
    }

    @Test
    void topUpExtensionIsFlooredWholeSeconds() {
        assertEquals(3, StreamMath.topUpExtensionSeconds(BigInteger.valueOf(3), BigInteger.valueOf(11)));
        assertEquals(0, StreamMath.topUpExtensionSeconds(BigInteger.valueOf(3), BigInteger.valueOf(2)));
        assertEquals(3600, StreamMath.topUpExtensionSeconds(new BigInteger("3805175039"),
                new BigInteger("13698630140400")));
        assertThrows(IllegalArgumentException.class,
                () -> StreamMath.topUpExtensionSeconds(BigInteger.ZERO, BigInteger.TEN));
        assertThrows(IllegalArgumentException.class,
                () -> StreamMath.topUpExtensionSeconds(BigInteger.ONE, BigInteger.valueOf(-1)));
    }

    @Test
    void topUpForRunwayReachesTheTargetExactly() {
        BigInteger rate = new BigInteger("3805175039");
        StreamState s = new StreamState(TOKEN, SENDER, PROVIDER, START, START + 3600, rate,
                rate.multiply(BigInteger.valueOf(3600)), BigInteger.ZERO, false);
        // at START + 1000, 2600 s remain; reaching 2 h needs 4600 s more
        BigInteger needed = StreamMath.topUpWeiForRunway(s, START + 1000, 7200);
        assertEquals(rate.multiply(BigInteger.valueOf(4600)), needed);
        StreamState after = StreamMath.afterTopUp(s, needed, START + 1000);
        assertEquals(7200, StreamMath.remainingSeconds(after, START + 1000));
        // already enough runway → nothing to pay
        assertEquals(BigInteger.ZERO, StreamMath.topUpWeiForRunway(s, START + 1000, 2600));
        assertEquals(BigInteger.ZERO, StreamMath.topUpWeiForRunway(s, START + 1000, 60));
        // run out: the whole target, and the gap is not charged afterwards
        BigInteger revive = StreamMath.topUpWeiForRunway(s, START + 5000, 600);
        assertEquals(rate.multiply(BigInteger.valueOf(600)), revive);
        StreamState revived = StreamMath.afterTopUp(s, revive, START + 5000);
        assertEquals(600, StreamMath.remainingSeconds(revived, START + 5000));
        assertEquals(rate.multiply(BigInteger.valueOf(3600)), StreamMath.vested(revived, START + 5000));
    }

    @Test
    void topUpForRunwayRefusesStreamsThatCannotBeToppedUp() {
        assertThrows(IllegalStateException.class, () -> StreamMath.topUpWeiForRunway(
                stream(START, START + 4, "1", "10", "0", true, PROVIDER), START + 5, 60));
        assertThrows(IllegalStateException.class, () -> StreamMath.topUpWeiForRunway(
                stream(START, START + 4, "1", "10", "0", false, ZERO), START + 5, 60));
        assertThrows(IllegalArgumentException.class,
                () -> StreamMath.topUpWeiForRunway(TEN_AND_A_HALF, START, -1));
    }

    @Test
    void effectiveEndIsClampedToStopTime() {
        assertEquals(START + 3, StreamMath.effectiveEnd(TEN_AND_A_HALF, START + 3));
        assertEquals(START + 10, StreamMath.effectiveEnd(TEN_AND_A_HALF, START + 30));
    }

    @Test
    void refusesNegativeAmountsInState() {
        StreamState bad = new StreamState(TOKEN, SENDER, PROVIDER, START, START + 10, BigInteger.ONE,
                BigInteger.valueOf(-1), BigInteger.ZERO, false);
        assertThrows(IllegalArgumentException.class, () -> StreamMath.view(bad, START));
    }

    @Test
    void figuresUseTheProviderResponseNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StreamFigures f = StreamMath.view(TEN_AND_A_HALF, START + 4);
        JsonNode node = json.valueToTree(f);
        assertEquals(START + 4, node.get("now").asLong());
        assertEquals(6, node.get("remaining_seconds").asLong());
        assertEquals(u("4"), node.get("vested_wei").bigIntegerValue());
        assertEquals(u("4"), node.get("withdrawable_wei").bigIntegerValue());
        assertEquals(u("6.5"), node.get("refundable_wei").bigIntegerValue());
        assertEquals("active", node.get("status").asText());
        assertEquals(6, node.size());
        assertEquals(f, json.treeToValue(node, StreamFigures.class));
        assertEquals(StreamStatus.EXHAUSTED, json.readValue("\"exhausted\"", StreamStatus.class));
    }
}
