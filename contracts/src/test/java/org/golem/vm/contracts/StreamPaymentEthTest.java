package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.ETH;
import static org.golem.vm.contracts.ChainKit.assertAddress;
import static org.golem.vm.contracts.ChainKit.createEth;
import static org.golem.vm.contracts.ChainKit.gasCost;
import static org.golem.vm.contracts.ChainKit.revertOf;
import static org.golem.vm.contracts.ChainKit.topUpEth;
import static org.golem.vm.contracts.ChainKit.u256;
import static org.golem.vm.contracts.ChainKit.wei;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ChainKit.Created;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.generated.StreamPaymentV1;
import org.golem.vm.contracts.generated.TestParty;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.Reverts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The original ABI in native-ETH mode on StreamPayment v2: constructor, createStream, withdraw, terminate and topUp
 * with every revert reason in check order, exact payouts at pinned block timestamps (ETH balances net of gas),
 * events, the {@code streams(id)} tuple and the {@code oracle()} / {@code nextStreamId()} getters. Oracle halts are
 * in {@link StreamPaymentHaltTest}.
 */
class StreamPaymentEthTest extends ChainTestBase {

    StreamPaymentEthTest(Anvil anvil) {
        super(anvil);
    }

    private Created stream100s() throws Exception {
        return createEth(sp, sender, recipient.getAddress(), r(100), R);
    }

    // ---- constructor and getters ------------------------------------------------------------------------------

    @Test
    void constructorRejectsTheZeroOracle() {
        assertEquals("oracle=0", Reverts.reasonOf(() ->
                StreamPayment.deploy(kit.web3j, kit.tm(sender), anvil.gas(), ETH).send()));
        assertEquals("oracle=0", Reverts.reasonOf(() ->
                StreamPaymentV1.deploy(kit.web3j, kit.tm(sender), anvil.gas(), ETH).send()));
    }

    @Test
    void oracleAndNextStreamIdGetters() throws Exception {
        assertAddress(anvil.oracle().getAddress(), views.oracle().send());
        assertEquals(BigInteger.ZERO, views.nextStreamId().send());
        stream100s();
        assertEquals(BigInteger.ONE, views.nextStreamId().send());
        // a stream that fails validation does not use up an id
        revertOf(() -> createEth(sp, sender, recipient.getAddress(), BigInteger.ZERO, R));
        stream100s();
        assertEquals(BigInteger.TWO, views.nextStreamId().send());
    }

    // ---- createStream -----------------------------------------------------------------------------------------

    private String createReason(BigInteger value, String recipientAddress, BigInteger deposit, BigInteger rate) {
        return revertOf(() -> ChainKit.create(sp, sender, ETH, recipientAddress, deposit, rate, value));
    }

    @Test
    void createStreamChecksArgumentsInTheOriginalOrder() throws Exception {
        String to = recipient.getAddress();
        BigInteger before = kit.eth(sender.getAddress());
        // recipient first, even when everything else is wrong too
        assertEquals("recipient=0", createReason(BigInteger.ONE, ETH, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals("deposit=0", createReason(BigInteger.ONE, to, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals("rate=0", createReason(wei(100), to, wei(100), BigInteger.ZERO));
        // deposit < rate: less than one second; checked before the value
        assertEquals("duration=0", createReason(BigInteger.ZERO, to, wei(5), wei(10)));
        assertEquals("value != deposit", createReason(r(100).subtract(BigInteger.ONE), to, r(100), R));
        assertEquals("value != deposit", createReason(r(100).add(BigInteger.ONE), to, r(100), R));
        assertEquals("value != deposit", createReason(BigInteger.ZERO, to, r(100), R));

        assertEquals(BigInteger.ZERO, views.nextStreamId().send(), "no stream was created");
        assertEquals(before, kit.eth(sender.getAddress()), "refused before sending: no ETH or gas spent");
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
    }

    @Test
    void createStreamStoresTheStreamEmitsStreamCreatedAndNumbersFromOne() throws Exception {
        BigInteger deposit = r(100).add(wei(7)); // not divisible by the rate: 100 s, 7 wei never vest
        BigInteger senderBefore = kit.eth(sender.getAddress());
        long t = kit.now() + 5;
        kit.at(t);
        Created first = createEth(sp, sender, recipient.getAddress(), deposit, R);

        assertEquals(BigInteger.ONE, first.id(), "stream ids start at 1");
        StreamPayment.StreamCreatedEventResponse e = first.event();
        assertAddress(sp.address(), e.log.getAddress());
        assertEquals(BigInteger.ONE, e.streamId);
        assertAddress(sender.getAddress(), e.sender);
        assertAddress(recipient.getAddress(), e.recipient);
        assertAddress(ETH, e.token);
        assertEquals(deposit, e.deposit);
        assertEquals(R, e.ratePerSecond);
        assertEquals(wei(t), e.startTime);
        assertEquals(wei(t + 100), e.stopTime, "stop = start + floor(deposit / rate)");

        assertEquals(new StreamState(ETH, Keys.toChecksumAddress(sender.getAddress()),
                        Keys.toChecksumAddress(recipient.getAddress()), t, t + 100, R, deposit, BigInteger.ZERO, false),
                sp.stream(first.id()));
        assertEquals(senderBefore.subtract(deposit).subtract(gasCost(first.receipt())), kit.eth(sender.getAddress()));
        assertEquals(deposit, kit.eth(sp.address()));

        // the next stream, from another sender to the same recipient, gets id 2
        kit.at(t + 3);
        Created second = createEth(sp, stranger, recipient.getAddress(), r(10), R);
        assertEquals(BigInteger.TWO, second.id());
        assertAddress(stranger.getAddress(), second.event().sender);
        assertEquals(wei(t + 3), second.event().startTime);
        assertEquals(wei(t + 13), second.event().stopTime);
        assertEquals(BigInteger.TWO, views.nextStreamId().send());
        assertEquals(deposit.add(r(10)), kit.eth(sp.address()));
    }

    @Test
    void unknownStreamsReadBackAsZeros() throws Exception {
        StreamState none = sp.stream(wei(42));
        assertTrue(none.nonexistent());
        assertEquals(new StreamState(ETH, ETH, ETH, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, false),
                none);
    }

    // ---- withdraw ---------------------------------------------------------------------------------------------

    @Test
    void withdrawChecksStreamThenCallerThenAmount() throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        // unknown stream before the caller check
        assertEquals("no-stream", revertOf(() -> sp.as(recipient).withdraw(wei(99))));
        assertEquals("no-stream", revertOf(() -> sp.as(stranger).withdraw(wei(99))));
        kit.at(c.start() + 10);
        assertEquals("not recipient", revertOf(() -> sp.as(sender).withdraw(id)));
        assertEquals("not recipient", revertOf(() -> sp.as(stranger).withdraw(id)));
        // nothing vested in the creation second
        kit.at(c.start());
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(id)));
    }

    @Test
    void withdrawPaysExactlyWhatVestedAtEachTimestamp() throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        long t = c.start();

        assertWithdraw(id, t + 10, r(10));
        // a second withdraw in the same second has nothing left
        kit.at(t + 10);
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(id)));
        assertWithdraw(id, t + 25, r(15));
        assertEquals(r(25), sp.stream(id).withdrawn());
        // after stopTime: the rest of the deposit, and no more
        assertWithdraw(id, t + 150, r(75));
        kit.at(t + 200);
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(id)));
        assertEquals(r(100), sp.stream(id).withdrawn());
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals(Keys.toChecksumAddress(recipient.getAddress()), sp.stream(id).recipient(), "still open");
    }

    private void assertWithdraw(BigInteger id, long at, BigInteger expected) throws Exception {
        BigInteger before = kit.eth(recipient.getAddress());
        kit.at(at);
        TransactionReceipt receipt = sp.as(recipient).withdraw(id);
        List<StreamPayment.WithdrawEventResponse> events = StreamPayment.getWithdrawEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(id, events.get(0).streamId);
        assertAddress(recipient.getAddress(), events.get(0).recipient);
        assertEquals(expected, events.get(0).amount, "Withdraw amount at +" + at);
        assertEquals(before.add(expected), kit.eth(recipient.getAddress()).add(gasCost(receipt)),
                "recipient's balance net of gas");
    }

    @Test
    void withdrawToARecipientContractThatRejectsEthReverts() throws Exception {
        TestParty party = kit.deployParty(sp.address());
        party.setRejectEth(true).send();
        Created c = createEth(sp, sender, party.getContractAddress(), r(100), R);
        kit.at(c.start() + 10);
        assertEquals("eth transfer failed", revertOf(() ->
                kit.send(sender, party.getContractAddress(), BigInteger.ZERO, "withdraw", u256(c.id()))));
    }

    // ---- terminate --------------------------------------------------------------------------------------------

    @Test
    void terminateChecksStreamThenCaller() throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        assertEquals("no-stream", revertOf(() -> sp.as(sender).terminate(wei(99))));
        assertEquals("no-stream", revertOf(() -> sp.as(stranger).terminate(wei(99))));
        assertEquals("not authorized", revertOf(() -> sp.as(stranger).terminate(id)));
        assertEquals("not authorized", revertOf(() -> sp.as(anvil.oracle()).terminate(id)));

        kit.at(c.start() + 1);
        sp.as(sender).terminate(id);
        // a terminated stream is gone for every function
        assertEquals("no-stream", revertOf(() -> sp.as(sender).terminate(id)));
        assertEquals("no-stream", revertOf(() -> sp.as(recipient).terminate(id)));
        assertEquals("no-stream", revertOf(() -> sp.as(recipient).withdraw(id)));
        assertEquals("no-stream", revertOf(() -> topUpEth(sp, sender, id, r(10))));
        assertEquals("no-stream", revertOf(() -> sp.as(anvil.oracle()).haltStream(id)));
    }

    @ParameterizedTest(name = "terminated by the {0}")
    @ValueSource(strings = {"sender", "recipient"})
    void terminatePaysTheRecipientWhatVestedAndRefundsTheSenderTheRest(String caller) throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        long t = c.start();
        kit.at(t + 10);
        sp.as(recipient).withdraw(id);

        StreamState before = sp.stream(id);
        BigInteger expectedPayout = StreamMath.withdrawable(before, t + 40);
        BigInteger expectedRefund = StreamMath.refundable(before, t + 40);
        assertEquals(r(30), expectedPayout);
        assertEquals(r(60), expectedRefund);

        BigInteger senderBefore = kit.eth(sender.getAddress());
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        Credentials terminator = caller.equals("sender") ? sender : recipient;
        kit.at(t + 40);
        TransactionReceipt receipt = sp.as(terminator).terminate(id);
        BigInteger gas = gasCost(receipt);

        List<StreamPayment.TerminatedEventResponse> events = StreamPayment.getTerminatedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(id, events.get(0).streamId);
        assertEquals(expectedRefund, events.get(0).senderRefund, "the event names the refund first");
        assertEquals(expectedPayout, events.get(0).recipientPayout);
        assertTrue(StreamPayment.getPayoutDeferredEvents(receipt).isEmpty());

        BigInteger senderGas = terminator == sender ? gas : BigInteger.ZERO;
        BigInteger recipientGas = terminator == recipient ? gas : BigInteger.ZERO;
        assertEquals(senderBefore.add(expectedRefund), kit.eth(sender.getAddress()).add(senderGas));
        assertEquals(recipientBefore.add(expectedPayout), kit.eth(recipient.getAddress()).add(recipientGas));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()), "nothing left in the contract");
        StreamState after = sp.stream(id);
        assertTrue(after.terminated());
        assertEquals(before.deposit(), after.deposit());
    }

    @Test
    void terminateRefundsTheRemainderThatNeverVests() throws Exception {
        // 10.5 "tokens" at 1 per second: 10 s, the half never vests and only comes back on terminate
        BigInteger deposit = r(10).add(R.divide(BigInteger.TWO));
        Created c = createEth(sp, sender, recipient.getAddress(), deposit, R);
        assertEquals(wei(c.start() + 10), c.event().stopTime);
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        BigInteger senderBefore = kit.eth(sender.getAddress());

        kit.at(c.start() + 20);
        TransactionReceipt receipt = sp.as(sender).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(R.divide(BigInteger.TWO), e.senderRefund);
        assertEquals(r(10), e.recipientPayout);
        assertEquals(recipientBefore.add(r(10)), kit.eth(recipient.getAddress()));
        assertEquals(senderBefore.add(R.divide(BigInteger.TWO)), kit.eth(sender.getAddress()).add(gasCost(receipt)));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
    }

    @Test
    void terminateInTheCreationSecondRefundsEverything() throws Exception {
        Created c = stream100s();
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        kit.at(c.start());
        TransactionReceipt receipt = sp.as(sender).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(r(100), e.senderRefund);
        assertEquals(BigInteger.ZERO, e.recipientPayout);
        assertEquals(recipientBefore, kit.eth(recipient.getAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
    }

    @Test
    void terminateAfterEverythingWasWithdrawnMovesNothingButClosesTheStream() throws Exception {
        Created c = stream100s();
        kit.at(c.start() + 100);
        sp.as(recipient).withdraw(c.id());
        BigInteger senderBefore = kit.eth(sender.getAddress());
        kit.at(c.start() + 120);
        TransactionReceipt receipt = sp.as(sender).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(BigInteger.ZERO, e.senderRefund);
        assertEquals(BigInteger.ZERO, e.recipientPayout);
        assertEquals(senderBefore, kit.eth(sender.getAddress()).add(gasCost(receipt)));
        assertTrue(sp.stream(c.id()).terminated());
    }

    // ---- topUp ------------------------------------------------------------------------------------------------

    private String topUpReason(Credentials from, BigInteger id, BigInteger amount, BigInteger value) {
        return revertOf(() -> sp.as(from).send("topUp", value, u256(id), u256(amount)));
    }

    @Test
    void topUpChecksInTheOriginalOrder() throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        assertEquals("no-stream", topUpReason(sender, wei(99), r(10), r(10)));
        assertEquals("not sender", topUpReason(recipient, id, r(10), r(10)));
        assertEquals("not sender", topUpReason(stranger, id, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals("amount=0", topUpReason(sender, id, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals("amount=0", topUpReason(sender, id, BigInteger.ZERO, wei(5)));
        assertEquals("value != amount", topUpReason(sender, id, r(10), r(10).subtract(BigInteger.ONE)));
        assertEquals("value != amount", topUpReason(sender, id, r(10), BigInteger.ZERO));
        // less than one second of rate: value checked first, then the extension
        assertEquals("value != amount", topUpReason(sender, id, R.subtract(BigInteger.ONE), BigInteger.ZERO));
        assertEquals("delta=0", topUpReason(sender, id, R.subtract(BigInteger.ONE), R.subtract(BigInteger.ONE)));
        assertEquals(c.event().stopTime.longValueExact(), sp.stream(id).stopTime(), "unchanged");
        assertEquals(r(100), kit.eth(sp.address()));
    }

    @Test
    void topUpExtendsStopTimeByWholeSecondsAndEmitsToppedUp() throws Exception {
        Created c = stream100s();
        BigInteger id = c.id();
        long t = c.start();
        BigInteger amount = r(50).add(wei(7)); // 50 s; 7 wei never vest
        BigInteger senderBefore = kit.eth(sender.getAddress());

        kit.at(t + 10);
        TransactionReceipt receipt = topUpEth(sp, sender, id, amount);
        List<StreamPayment.ToppedUpEventResponse> events = StreamPayment.getToppedUpEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(id, events.get(0).streamId);
        assertEquals(amount, events.get(0).amount);
        assertEquals(wei(t + 150), events.get(0).newStopTime, "old stop + floor(amount / rate)");

        StreamState s = sp.stream(id);
        assertEquals(t, s.startTime(), "a top-up of a live stream does not move the start");
        assertEquals(t + 150, s.stopTime());
        assertEquals(r(150).add(wei(7)), s.deposit());
        assertEquals(senderBefore.subtract(amount), kit.eth(sender.getAddress()).add(gasCost(receipt)));
        assertEquals(r(150).add(wei(7)), kit.eth(sp.address()));

        // the recipient can now earn 150 s; the 7 wei come back to the sender on terminate
        kit.at(t + 400);
        assertEquals(r(150), StreamPayment.getWithdrawEvents(sp.as(recipient).withdraw(id)).get(0).amount);
        kit.at(t + 401);
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(sp.as(sender).terminate(id))
                .get(0);
        assertEquals(wei(7), e.senderRefund);
        assertEquals(BigInteger.ZERO, e.recipientPayout);
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
    }

    /**
     * A stream whose stopTime does not fit a Java long (2^64 wei at 1 wei/s: 18.4 ETH here, free with a worthless
     * token) is valid on chain; reading it must not blow up the reader with an unchecked exception:
     * {@link StreamPaymentClient#stream} documents IOException as its only failure.
     * FAILS at the time of writing: ArithmeticException from BigInteger.longValueExact (see the report).
     */
    @Test
    void aStreamEndingBeyondJavaLongIsReadOrRefusedWithIOException() throws Exception {
        BigInteger deposit = BigInteger.TWO.pow(64);
        Created c = createEth(sp, sender, recipient.getAddress(), deposit, BigInteger.ONE);
        assertTrue(c.event().stopTime.bitLength() > 63, "stopTime beyond Long.MAX_VALUE");
        try {
            StreamState s = sp.stream(c.id());
            assertEquals(deposit, s.deposit());
        } catch (java.io.IOException acceptable) {
            // the documented failure: the caller treats the stream as unknown
        }
    }
}
