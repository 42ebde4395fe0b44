package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.assertAddress;
import static org.golem.vm.contracts.ChainKit.createToken;
import static org.golem.vm.contracts.ChainKit.gasCost;
import static org.golem.vm.contracts.ChainKit.revertOf;
import static org.golem.vm.contracts.ChainKit.wei;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ChainKit.Created;
import org.golem.vm.contracts.generated.BlockingToken;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The original ABI in ERC-20 mode (MockERC20, and BlockingToken for tokens that refuse transfers) on StreamPayment
 * v2: token reverts bubbling from createStream and topUp ({@code "allow"}, {@code "bal"}), {@code "transferFrom
 * failed"} / {@code "transfer failed"} for tokens returning false, token balances moved by create, withdraw,
 * terminate and topUp at pinned timestamps, and the events. No ETH moves except gas.
 */
class StreamPaymentErc20Test extends ChainTestBase {

    private String token;

    StreamPaymentErc20Test(Anvil anvil) {
        super(anvil);
    }

    @BeforeEach
    void token() {
        token = anvil.tokenAddress();
    }

    private BigInteger tokensOf(Credentials who) throws Exception {
        return kit.tokens(token, who.getAddress());
    }

    @Test
    void createStreamBubblesTheTokensRevertsAfterTheArgumentChecks() throws Exception {
        String to = recipient.getAddress();
        // argument checks come first: no allowance yet, still the argument's reason
        assertEquals("recipient=0", revertOf(() -> createToken(sp, sender, token, ChainKit.ETH, r(10), R)));
        assertEquals("duration=0", revertOf(() -> createToken(sp, sender, token, to, wei(5), wei(10))));
        // MockERC20 checks the allowance, then the balance
        assertEquals("allow", revertOf(() -> createToken(sp, sender, token, to, r(10), R)));
        kit.fundTokens(sender, r(5), sp.address(), r(10));
        assertEquals("bal", revertOf(() -> createToken(sp, sender, token, to, r(10), R)));
        kit.fundTokens(sender, BigInteger.ZERO, sp.address(), r(4));
        assertEquals("allow", revertOf(() -> createToken(sp, sender, token, to, r(5), R)));
        assertEquals(BigInteger.ZERO, kit.views(sp.address()).nextStreamId().send());
        assertEquals(r(5), tokensOf(sender));
    }

    @Test
    void createStreamWithATokenReturningFalseRevertsTransferFromFailed() throws Exception {
        BlockingToken bt = kit.deployBlockingToken();
        String bad = bt.getContractAddress();
        bt.mint(sender.getAddress(), r(100)).send();
        kit.send(sender, bad, BigInteger.ZERO, "approve", ChainKit.addr(sp.address()), ChainKit.u256(r(100)));
        bt.setQuiet(true).send();
        bt.setBlocked(sp.address(), true).send(); // transfers into the stream contract return false
        assertEquals("transferFrom failed", revertOf(() ->
                createToken(sp, sender, bad, recipient.getAddress(), r(10), R)));

        // and topUp of a stream created while the token still worked
        bt.setBlocked(sp.address(), false).send();
        Created c = createToken(sp, sender, bad, recipient.getAddress(), r(10), R);
        bt.setBlocked(sp.address(), true).send();
        kit.at(c.start() + 1);
        assertEquals("transferFrom failed", revertOf(() -> sp.as(sender).topUp(c.id(), r(10), false)));
        // revert mode bubbles the token's own reason
        bt.setQuiet(false).send();
        assertEquals("blocked", revertOf(() -> sp.as(sender).topUp(c.id(), r(10), false)));
    }

    @Test
    void createStreamPullsTheDepositAndTakesNoEth() throws Exception {
        kit.fundTokens(sender, r(100), sp.address(), r(100));
        BigInteger ethBefore = kit.eth(sender.getAddress());
        long t = kit.now() + 1;
        kit.at(t);
        Created c = createToken(sp, sender, token, recipient.getAddress(), r(100), R);

        StreamPayment.StreamCreatedEventResponse e = c.event();
        assertAddress(token, e.token);
        assertAddress(sender.getAddress(), e.sender);
        assertAddress(recipient.getAddress(), e.recipient);
        assertEquals(r(100), e.deposit);
        assertEquals(R, e.ratePerSecond);
        assertEquals(wei(t), e.startTime);
        assertEquals(wei(t + 100), e.stopTime);
        assertEquals(new StreamState(Keys.toChecksumAddress(token), Keys.toChecksumAddress(sender.getAddress()),
                Keys.toChecksumAddress(recipient.getAddress()), t, t + 100, R, r(100), BigInteger.ZERO, false),
                sp.stream(c.id()));

        assertEquals(BigInteger.ZERO, tokensOf(sender));
        assertEquals(r(100), kit.tokens(token, sp.address()));
        assertEquals(ethBefore, kit.eth(sender.getAddress()).add(gasCost(c.receipt())), "only gas was paid in ETH");
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals(BigInteger.ZERO, anvil.token(sender).allowance(sender.getAddress(), sp.address()).send(),
                "the allowance was used up");
    }

    @Test
    void withdrawPaysTokensExactlyAtEachTimestamp() throws Exception {
        kit.fundTokens(sender, r(100), sp.address(), r(100));
        Created c = createToken(sp, sender, token, recipient.getAddress(), r(100), R);
        long t = c.start();
        assertWithdraw(c.id(), t + 7, r(7), r(7));
        assertWithdraw(c.id(), t + 61, r(54), r(61));
        assertWithdraw(c.id(), t + 1000, r(39), r(100));
        kit.at(t + 1001);
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(c.id())));
        assertEquals(BigInteger.ZERO, kit.tokens(token, sp.address()));
    }

    private void assertWithdraw(BigInteger id, long at, BigInteger amount, BigInteger total) throws Exception {
        kit.at(at);
        TransactionReceipt receipt = sp.as(recipient).withdraw(id);
        List<StreamPayment.WithdrawEventResponse> events = StreamPayment.getWithdrawEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(amount, events.get(0).amount);
        assertAddress(recipient.getAddress(), events.get(0).recipient);
        assertEquals(total, tokensOf(recipient));
        assertEquals(total, sp.stream(id).withdrawn());
    }

    @Test
    void withdrawWithATokenThatRefusesTheRecipientReverts() throws Exception {
        BlockingToken bt = kit.deployBlockingToken();
        String bad = bt.getContractAddress();
        bt.mint(sender.getAddress(), r(100)).send();
        kit.send(sender, bad, BigInteger.ZERO, "approve", ChainKit.addr(sp.address()), ChainKit.u256(r(100)));
        Created c = createToken(sp, sender, bad, recipient.getAddress(), r(100), R);
        bt.setBlocked(recipient.getAddress(), true).send();
        kit.at(c.start() + 10);
        assertEquals("blocked", revertOf(() -> sp.as(recipient).withdraw(c.id())));
        bt.setQuiet(true).send();
        kit.at(c.start() + 10);
        assertEquals("transfer failed", revertOf(() -> sp.as(recipient).withdraw(c.id())));
        assertEquals(BigInteger.ZERO, sp.stream(c.id()).withdrawn());
    }

    @Test
    void terminatePaysBothPartiesInTokensAndRefundsTheRemainder() throws Exception {
        BigInteger deposit = r(100).add(wei(123)); // 123 wei never vest
        kit.fundTokens(sender, deposit, sp.address(), deposit);
        Created c = createToken(sp, sender, token, recipient.getAddress(), deposit, R);
        long t = c.start();
        kit.at(t + 20);
        sp.as(recipient).withdraw(c.id());

        StreamState before = sp.stream(c.id());
        kit.at(t + 64);
        TransactionReceipt receipt = sp.as(recipient).terminate(c.id());
        StreamPayment.TerminatedEventResponse e = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(StreamMath.refundable(before, t + 64), e.senderRefund);
        assertEquals(StreamMath.withdrawable(before, t + 64), e.recipientPayout);
        assertEquals(r(36).add(wei(123)), e.senderRefund);
        assertEquals(r(44), e.recipientPayout);
        assertEquals(r(36).add(wei(123)), tokensOf(sender));
        assertEquals(r(64), tokensOf(recipient));
        assertEquals(BigInteger.ZERO, kit.tokens(token, sp.address()));
        assertTrue(StreamPayment.getPayoutDeferredEvents(receipt).isEmpty());
    }

    @Test
    void topUpBubblesTokenRevertsAndExtendsTheStream() throws Exception {
        kit.fundTokens(sender, r(100), sp.address(), r(100));
        Created c = createToken(sp, sender, token, recipient.getAddress(), r(100), R);
        BigInteger id = c.id();
        long t = c.start();
        assertEquals("allow", revertOf(() -> sp.as(sender).topUp(id, r(30), false)));
        kit.fundTokens(sender, r(20), sp.address(), r(30));
        assertEquals("bal", revertOf(() -> sp.as(sender).topUp(id, r(30), false)));
        assertEquals("delta=0", revertOf(() -> sp.as(sender).topUp(id, R.subtract(BigInteger.ONE), false)));
        assertEquals("not sender", revertOf(() -> sp.as(recipient).topUp(id, r(10), false)));
        assertEquals("amount=0", revertOf(() -> sp.as(sender).topUp(id, BigInteger.ZERO, false)));

        kit.at(t + 30);
        TransactionReceipt receipt = sp.as(sender).topUp(id, r(20), false);
        StreamPayment.ToppedUpEventResponse e = StreamPayment.getToppedUpEvents(receipt).get(0);
        assertEquals(r(20), e.amount);
        assertEquals(wei(t + 120), e.newStopTime);
        assertEquals(r(120), kit.tokens(token, sp.address()));
        assertEquals(BigInteger.ZERO, tokensOf(sender));
        StreamState s = sp.stream(id);
        assertEquals(r(120), s.deposit());
        assertEquals(t + 120, s.stopTime());
        kit.at(t + 200);
        assertEquals(r(120), StreamPayment.getWithdrawEvents(sp.as(recipient).withdraw(id)).get(0).amount);
        assertEquals(r(120), tokensOf(recipient));
    }

    @Test
    void absurdDurationsRevertInsteadOfTruncating() throws Exception {
        // a worthless token makes huge deposits free; v2 refuses stop times beyond uint128 (the original truncated)
        BigInteger big = BigInteger.TWO.pow(128);
        kit.fundTokens(sender, big.multiply(BigInteger.TEN), sp.address(), big.multiply(BigInteger.TEN));
        assertEquals("duration overflow", revertOf(() ->
                createToken(sp, sender, token, recipient.getAddress(), big, BigInteger.ONE)));
        Created c = createToken(sp, sender, token, recipient.getAddress(), BigInteger.TWO.pow(100), BigInteger.ONE);
        assertEquals("duration overflow", revertOf(() -> sp.as(sender).topUp(c.id(), big, false)));
        assertEquals(BigInteger.TWO.pow(100), kit.tokens(token, sp.address()));
    }
}
