package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.assertAddress;
import static org.golem.vm.contracts.ChainKit.createEth;
import static org.golem.vm.contracts.ChainKit.createToken;
import static org.golem.vm.contracts.ChainKit.gasCost;
import static org.golem.vm.contracts.ChainKit.revertOf;
import static org.golem.vm.contracts.ChainKit.topUpEth;
import static org.golem.vm.contracts.ChainKit.u256;
import static org.golem.vm.contracts.ChainKit.wei;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ChainKit.Created;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The oracle's {@code haltStream}: oracle only (checked before the stream exists), clamps stopTime to the halt time
 * so vesting freezes, idempotent (a second halt emits nothing), blocks top-ups but not withdraw or terminate, which
 * pay exactly what vested up to the halt, in ETH and ERC-20 mode.
 */
class StreamPaymentHaltTest extends ChainTestBase {

    StreamPaymentHaltTest(Anvil anvil) {
        super(anvil);
    }

    @Test
    void onlyTheOracleMayHaltAndThatIsCheckedBeforeTheStreamExists() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        assertEquals("not oracle", revertOf(() -> sp.as(stranger).haltStream(wei(99))));
        assertEquals("not oracle", revertOf(() -> sp.as(sender).haltStream(c.id())));
        assertEquals("not oracle", revertOf(() -> sp.as(recipient).haltStream(c.id())));
        assertEquals("not oracle", revertOf(() -> sp.as(anvil.deployer()).haltStream(c.id())));
        assertEquals("no-stream", revertOf(() -> sp.as(anvil.oracle()).haltStream(wei(99))));
        assertFalse(sp.stream(c.id()).halted());
    }

    @Test
    void haltFreezesVestingAndBlocksTopUpsButWithdrawAndTerminatePayExactly() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        BigInteger id = c.id();
        long t = c.start();
        StreamState before = sp.stream(id);

        kit.at(t + 30);
        TransactionReceipt halt = sp.as(anvil.oracle()).haltStream(id);
        List<StreamPayment.HaltedEventResponse> halted = StreamPayment.getHaltedEvents(halt);
        assertEquals(1, halted.size());
        assertEquals(id, halted.get(0).streamId);
        StreamState s = sp.stream(id);
        assertTrue(s.halted());
        assertEquals(t + 30, s.stopTime(), "stopTime clamped to the halt time");
        assertEquals(new StreamState(before.token(), before.sender(), before.recipient(), before.startTime(),
                t + 30, before.ratePerSecond(), before.deposit(), before.withdrawn(), true), s);

        // vesting is frozen
        kit.mineAt(t + 60);
        assertEquals(r(30), views.vestedAmount(id).send());
        assertEquals(r(30), views.withdrawable(id).send());

        // a second halt is a silent no-op
        kit.at(t + 61);
        TransactionReceipt again = sp.as(anvil.oracle()).haltStream(id);
        assertTrue(again.getLogs().isEmpty(), "no Halted event the second time");
        assertEquals(s, sp.stream(id));

        // top-ups refused; "halted" comes before the sender and amount checks
        assertEquals("halted", revertOf(() -> topUpEth(sp, sender, id, r(10))));
        assertEquals("halted", revertOf(() -> topUpEth(sp, stranger, id, r(10))));
        assertEquals("halted", revertOf(() -> sp.as(sender).send("topUp", BigInteger.ZERO, u256(id),
                u256(BigInteger.ZERO))));

        // withdraw pays up to the halt, then nothing more
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        kit.at(t + 70);
        TransactionReceipt w = sp.as(recipient).withdraw(id);
        assertEquals(r(30), StreamPayment.getWithdrawEvents(w).get(0).amount);
        assertEquals(recipientBefore.add(r(30)), kit.eth(recipient.getAddress()).add(gasCost(w)));
        kit.at(t + 80);
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(id)));

        // terminate refunds the unvested 70 s to the sender
        BigInteger senderBefore = kit.eth(sender.getAddress());
        recipientBefore = kit.eth(recipient.getAddress());
        kit.at(t + 90);
        TransactionReceipt term = sp.as(sender).terminate(id);
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(term).get(0);
        assertEquals(r(70), e.senderRefund);
        assertEquals(BigInteger.ZERO, e.recipientPayout);
        assertEquals(senderBefore.add(r(70)), kit.eth(sender.getAddress()).add(gasCost(term)));
        assertEquals(recipientBefore, kit.eth(recipient.getAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals("no-stream", revertOf(() -> sp.as(anvil.oracle()).haltStream(id)));
    }

    @Test
    void terminateOfAHaltedStreamByTheRecipientPaysWhatVestedUpToTheHalt() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        kit.at(c.start() + 45);
        sp.as(anvil.oracle()).haltStream(c.id());
        BigInteger senderBefore = kit.eth(sender.getAddress());
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        kit.at(c.start() + 500);
        TransactionReceipt term = sp.as(recipient).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(term).get(0);
        assertEquals(r(55), e.senderRefund);
        assertEquals(r(45), e.recipientPayout);
        assertEquals(senderBefore.add(r(55)), kit.eth(sender.getAddress()));
        assertEquals(recipientBefore.add(r(45)), kit.eth(recipient.getAddress()).add(gasCost(term)));
    }

    @Test
    void haltAfterTheStreamRanOutKeepsStopTime() throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        kit.at(c.start() + 50);
        TransactionReceipt halt = sp.as(anvil.oracle()).haltStream(c.id());
        assertEquals(1, StreamPayment.getHaltedEvents(halt).size());
        StreamState s = sp.stream(c.id());
        assertTrue(s.halted());
        assertEquals(c.start() + 10, s.stopTime(), "never moved later");
        kit.at(c.start() + 60);
        assertEquals(r(10), StreamPayment.getWithdrawEvents(sp.as(recipient).withdraw(c.id())).get(0).amount);
    }

    @Test
    void haltInTokenModePaysTokensUpToTheHalt() throws Exception {
        String token = anvil.tokenAddress();
        kit.fundTokens(sender, r(100), sp.address(), r(100));
        Created c = createToken(sp, sender, token, recipient.getAddress(), r(100), R);
        kit.at(c.start() + 20);
        sp.as(anvil.oracle()).haltStream(c.id());
        assertEquals("halted", revertOf(() -> sp.as(sender).topUp(c.id(), r(10), false)));

        kit.at(c.start() + 40);
        TransactionReceipt w = sp.as(recipient).withdraw(c.id());
        assertEquals(r(20), StreamPayment.getWithdrawEvents(w).get(0).amount);
        assertEquals(r(20), kit.tokens(token, recipient.getAddress()));
        kit.at(c.start() + 41);
        TransactionReceipt term = sp.as(sender).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(term).get(0);
        assertEquals(r(80), e.senderRefund);
        assertEquals(BigInteger.ZERO, e.recipientPayout);
        assertEquals(r(80), kit.tokens(token, sender.getAddress()));
        assertEquals(BigInteger.ZERO, kit.tokens(token, sp.address()));
        assertAddress(token, sp.stream(c.id()).token());
    }
}
