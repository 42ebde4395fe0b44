package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.createEth;
import static org.golem.vm.contracts.ChainKit.topUpEth;
import static org.golem.vm.contracts.ChainKit.wei;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;
import org.golem.vm.contracts.ChainKit.Created;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@link StreamMath} (common) mirrors StreamPayment v2 exactly: at pinned block timestamps, for streams mid-way,
 * run out, halted, terminated, topped up on time, at the stop second and late, and with a non-vesting remainder,
 * {@code StreamMath.vested / withdrawable} equal the contract's {@code vestedAmount(id) / withdrawable(id)} views
 * (evaluated at the latest block), {@code remainingSeconds} is the time until vesting really stops,
 * {@code afterTopUp} predicts the stored stream, and Withdraw / Terminated amounts equal what StreamMath computed
 * from the state before the transaction at its timestamp.
 */
class StreamMathOnChainTest extends ChainTestBase {

    StreamMathOnChainTest(Anvil anvil) {
        super(anvil);
    }

    /** Mines a block at {@code t} and compares StreamMath with the contract's views there; returns the state. */
    private StreamState mirrorsAt(BigInteger id, long t) throws Exception {
        kit.mineAt(t);
        StreamState s = sp.stream(id);
        assertEquals(views.vestedAmount(id).send(), StreamMath.vested(s, t), "vested at " + t);
        assertEquals(views.withdrawable(id).send(), StreamMath.withdrawable(s, t), "withdrawable at " + t);
        if (s.terminated() || s.halted()) {
            assertEquals(0, StreamMath.remainingSeconds(s, t));
        } else {
            assertEquals(Math.max(s.stopTime() - t, 0), StreamMath.remainingSeconds(s, t), "v2: runway = stop - now");
        }
        return s;
    }

    /** Withdraws at {@code t} and checks the paid amount against StreamMath on the state before. */
    private BigInteger withdrawMirrors(BigInteger id, long t) throws Exception {
        StreamState before = sp.stream(id);
        kit.at(t);
        TransactionReceipt receipt = sp.as(recipient).withdraw(id);
        BigInteger paid = StreamPayment.getWithdrawEvents(receipt).get(0).amount;
        assertEquals(StreamMath.withdrawable(before, t), paid, "Withdraw amount at " + t);
        return paid;
    }

    /** Terminates at {@code t} and checks both amounts against StreamMath on the state before. */
    private StreamPayment.TerminatedEventResponse terminateMirrors(BigInteger id, long t) throws Exception {
        StreamState before = sp.stream(id);
        kit.at(t);
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(sp.as(sender).terminate(id))
                .get(0);
        assertEquals(StreamMath.withdrawable(before, t), e.recipientPayout, "payout at " + t);
        assertEquals(StreamMath.refundable(before, t), e.senderRefund, "refund at " + t);
        return e;
    }

    /** Tops up at {@code t} and checks the stored stream against StreamMath.afterTopUp. */
    private StreamState topUpMirrors(BigInteger id, BigInteger amount, long t) throws Exception {
        StreamState before = sp.stream(id);
        kit.at(t);
        TransactionReceipt receipt = topUpEth(sp, sender, id, amount);
        StreamState after = sp.stream(id);
        assertEquals(StreamMath.afterTopUp(before, amount, t), after, "stream after a top-up at " + t);
        assertEquals(StreamMath.stopTimeAfterTopUp(before, amount, t),
                StreamPayment.getToppedUpEvents(receipt).get(0).newStopTime.longValueExact());
        return after;
    }

    /** Vesting reaches its end exactly {@code remainingSeconds} after {@code t} (views at the later blocks). */
    private void runwayIsReal(BigInteger id, long t) throws Exception {
        StreamState s = sp.stream(id);
        long remaining = StreamMath.remainingSeconds(s, t);
        assertTrue(remaining > 1);
        kit.mineAt(t + remaining - 1);
        BigInteger almost = views.vestedAmount(id).send();
        kit.mineAt(t + remaining);
        BigInteger end = views.vestedAmount(id).send();
        kit.mineAt(t + remaining + 30);
        assertEquals(end, views.vestedAmount(id).send(), "nothing vests after the runway");
        assertEquals(s.ratePerSecond(), end.subtract(almost), "still vesting in the last second");
    }

    @Test
    void midStreamAndAfterTheStop() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        BigInteger id = c.id();
        long t = c.start();
        for (long dt : new long[] {0, 1, 37}) {
            mirrorsAt(id, t + dt);
        }
        assertEquals(r(40), withdrawMirrors(id, t + 40));
        for (long dt : new long[] {40, 41, 99, 100, 101, 500}) {
            StreamState s = mirrorsAt(id, t + dt);
            assertEquals(dt < 100 ? StreamStatus.ACTIVE : StreamStatus.EXHAUSTED, StreamMath.status(s, t + dt));
        }
        assertEquals(r(60), withdrawMirrors(id, t + 501));
        mirrorsAt(id, t + 502);
        assertEquals(BigInteger.ZERO, views.withdrawable(id).send());
    }

    @Test
    void runwayOfALiveStreamEndsExactlyAtStopTime() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        mirrorsAt(c.id(), c.start() + 12);
        runwayIsReal(c.id(), c.start() + 12);
    }

    @Test
    void haltedStream() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        BigInteger id = c.id();
        long t = c.start();
        mirrorsAt(id, t + 10);
        kit.at(t + 30);
        sp.as(anvil.oracle()).haltStream(id);
        for (long dt : new long[] {30, 31, 90}) {
            StreamState s = mirrorsAt(id, t + dt);
            assertEquals(StreamStatus.HALTED, StreamMath.status(s, t + dt));
            assertEquals(r(30), StreamMath.vested(s, t + dt));
        }
        assertEquals(r(30), withdrawMirrors(id, t + 91));
        mirrorsAt(id, t + 92);
        StreamPayment.TerminatedEventResponse e = terminateMirrors(id, t + 95);
        assertEquals(r(70), e.senderRefund);
        mirrorsAt(id, t + 96);
    }

    @Test
    void haltedAfterTheStreamRanOut() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        kit.at(c.start() + 50);
        sp.as(anvil.oracle()).haltStream(c.id());
        StreamState s = mirrorsAt(c.id(), c.start() + 60);
        assertEquals(r(10), StreamMath.vested(s, c.start() + 60));
        assertEquals(r(10), withdrawMirrors(c.id(), c.start() + 61));
    }

    @Test
    void terminatedStream() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        BigInteger id = c.id();
        long t = c.start();
        assertEquals(r(10), withdrawMirrors(id, t + 10));
        terminateMirrors(id, t + 40);
        for (long dt : new long[] {40, 41, 200}) {
            StreamState s = mirrorsAt(id, t + dt);
            assertEquals(StreamStatus.TERMINATED, StreamMath.status(s, t + dt));
            assertEquals(r(40), StreamMath.vested(s, t + dt), "vestedAmount of a terminated stream: all it was paid");
            assertEquals(BigInteger.ZERO, StreamMath.refundable(s, t + dt));
        }
    }

    @Test
    void lateTopUp() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        BigInteger id = c.id();
        long t = c.start();
        for (long dt : new long[] {5, 10, 92}) {
            mirrorsAt(id, t + dt);
        }
        StreamState after = topUpMirrors(id, r(50), t + 92);
        assertEquals(t + 82, after.startTime());
        for (long dt : new long[] {92, 93, 120}) {
            mirrorsAt(id, t + dt);
        }
        assertEquals(r(38), withdrawMirrors(id, t + 120));
        mirrorsAt(id, t + 121);
        runwayIsReal(id, t + 121);
        assertEquals(r(22), withdrawMirrors(id, t + 300));
    }

    @Test
    void topUpAtTheStopSecondAndWhileLive() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        BigInteger id = c.id();
        long t = c.start();
        // exactly at stopTime: no gap, the start stays
        StreamState s = topUpMirrors(id, r(5), t + 10);
        assertEquals(t, s.startTime());
        assertEquals(t + 15, s.stopTime());
        mirrorsAt(id, t + 11);
        // live, with an amount that is not a whole number of seconds
        s = topUpMirrors(id, r(3).add(wei(1)), t + 12);
        assertEquals(t + 18, s.stopTime());
        mirrorsAt(id, t + 12);
        mirrorsAt(id, t + 18);
        mirrorsAt(id, t + 19);
        StreamPayment.TerminatedEventResponse e = terminateMirrors(id, t + 25);
        assertEquals(wei(1), e.senderRefund, "only the top-up remainder is refunded");
        assertEquals(r(18), e.recipientPayout);
    }

    @Test
    void remainderNeverVests() throws Exception {
        BigInteger deposit = r(10).add(R.divide(BigInteger.TWO));
        Created c = createEth(sp, sender, recipient.getAddress(), deposit, R);
        BigInteger id = c.id();
        long t = c.start();
        for (long dt : new long[] {5, 10, 11}) {
            StreamState s = mirrorsAt(id, t + dt);
            assertEquals(deposit.subtract(StreamMath.vested(s, t + dt)), StreamMath.refundable(s, t + dt));
        }
        StreamPayment.TerminatedEventResponse e = terminateMirrors(id, t + 12);
        assertEquals(R.divide(BigInteger.TWO), e.senderRefund);
        assertEquals(r(10), e.recipientPayout);
    }

    @Test
    void unknownStream() throws Exception {
        StreamState s = mirrorsAt(wei(77), kit.now() + 1);
        assertEquals(StreamStatus.NONEXISTENT, StreamMath.status(s, kit.now()));
    }
}
