package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.ETH;
import static org.golem.vm.contracts.ChainKit.addr;
import static org.golem.vm.contracts.ChainKit.assertAddress;
import static org.golem.vm.contracts.ChainKit.createEth;
import static org.golem.vm.contracts.ChainKit.createToken;
import static org.golem.vm.contracts.ChainKit.gasCost;
import static org.golem.vm.contracts.ChainKit.revertOf;
import static org.golem.vm.contracts.ChainKit.u256;
import static org.golem.vm.contracts.ChainKit.wei;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;
import org.golem.vm.contracts.ChainKit.Created;
import org.golem.vm.contracts.generated.BlockingToken;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.generated.TestParty;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The five v2 fixes (StreamPayment.sol header). Every scenario runs on v2, asserting the fix, and on
 * StreamPaymentV1 (the original's behaviour), asserting the flaw, so each v2 assertion is known to fail on the
 * original:
 * <ol>
 *   <li>terminate clamps stopTime and records everything paid in {@code withdrawn};</li>
 *   <li>a late top-up does not back-charge the idle gap;</li>
 *   <li>a party that cannot receive (rejecting contract, blocking token) cannot block the other's terminate: its
 *       share is deferred to {@code pendingPayouts} and claimed with {@code claimPending};</li>
 *   <li>ERC-20-mode calls carrying ETH revert instead of trapping it;</li>
 *   <li>re-entry from a paid recipient is refused.</li>
 * </ol>
 * Plus the payout gas rules of v2: too little gas reverts {@code "gas too low"} rather than deferring, and an
 * estimated terminate pays an accepting contract directly.
 */
class StreamPaymentFixesTest extends ChainTestBase {

    StreamPaymentFixesTest(Anvil anvil) {
        super(anvil);
    }

    private static String checksum(String address) {
        return Keys.toChecksumAddress(address);
    }

    // ==== 1. terminate ends vesting and reads back as closed ===================================================

    /** After terminate: the stored stream, when it happened, and what the recipient received in total. */
    record Terminated(BigInteger id, StreamState after, long start, long terminatedAt, BigInteger paidToRecipient) {
    }

    /** 100 s stream; the recipient withdraws 10 s worth at +10, the sender terminates at +40. */
    private Terminated terminateScenario(StreamPaymentClient sp) throws Exception {
        BigInteger recipientStart = kit.eth(recipient.getAddress());
        Created c = createEth(sp, sender, recipient.getAddress(), r(100), R);
        kit.at(c.start() + 10);
        TransactionReceipt w = sp.as(recipient).withdraw(c.id());
        kit.at(c.start() + 40);
        sp.as(sender).terminate(c.id());
        BigInteger paid = kit.eth(recipient.getAddress()).add(gasCost(w)).subtract(recipientStart);
        return new Terminated(c.id(), sp.stream(c.id()), c.start(), c.start() + 40, paid);
    }

    @Test
    void fix1_v2_terminateClampsStopTimeAndRecordsEverythingPaid() throws Exception {
        StreamPaymentClient sp = kit.v2();
        Terminated t = terminateScenario(sp);
        assertEquals(r(40), t.paidToRecipient());
        assertEquals(ETH, t.after().recipient(), "recipient zeroed: the 'gone' marker");
        assertEquals(checksum(sender.getAddress()), t.after().sender(), "sender kept");
        assertEquals(t.terminatedAt(), t.after().stopTime(), "stopTime clamped to the termination time");
        assertEquals(t.paidToRecipient(), t.after().withdrawn(), "withdrawn = everything paid to the recipient");
        assertTrue(t.after().terminated());
        // a monitor reading stopTime sees the stream over
        assertTrue(t.after().stopTime() <= anvil.now());
        assertEquals(StreamStatus.TERMINATED, StreamMath.status(t.after(), anvil.now()));
        StreamPayment views = kit.views(sp.address());
        kit.mineAt(t.start() + 90);
        assertEquals(r(40), views.vestedAmount(t.id()).send(), "vesting ended at the termination");
        assertEquals(BigInteger.ZERO, views.withdrawable(t.id()).send());
    }

    @Test
    void fix1_v1_terminateLeavesStopTimeAndWithdrawnStale() throws Exception {
        Terminated t = terminateScenario(kit.deployV1());
        assertEquals(r(40), t.paidToRecipient());
        assertEquals(ETH, t.after().recipient());
        assertEquals(checksum(sender.getAddress()), t.after().sender());
        assertEquals(t.start() + 100, t.after().stopTime(), "v1 keeps the original stopTime");
        assertTrue(t.after().stopTime() > anvil.now(), "a monitor reading stopTime thinks the stream is alive");
        assertEquals(r(10), t.after().withdrawn(), "v1 counts only the withdraw, not the terminate payout");
        assertNotEquals(t.paidToRecipient(), t.after().withdrawn());
    }

    // ==== 2. late top-up does not back-charge the idle gap =====================================================

    /** After the top-up: the stored stream, and the first withdraw one second later. */
    record LateTopUp(BigInteger id, StreamState afterTopUp, long start, long toppedUpAt, BigInteger firstWithdraw) {
    }

    /** 10 s stream; 92 s after the start the sender tops up 50 s worth; the recipient withdraws at +93. */
    private LateTopUp lateTopUpScenario(StreamPaymentClient sp) throws Exception {
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        long t = c.start();
        kit.at(t + 92);
        TransactionReceipt topUp = ChainKit.topUpEth(sp, sender, c.id(), r(50));
        assertEquals(wei(t + 142), StreamPayment.getToppedUpEvents(topUp).get(0).newStopTime);
        StreamState after = sp.stream(c.id());
        kit.at(t + 93);
        BigInteger first = StreamPayment.getWithdrawEvents(sp.as(recipient).withdraw(c.id())).get(0).amount;
        return new LateTopUp(c.id(), after, t, t + 92, first);
    }

    @Test
    void fix2_v2_lateTopUpVestsFromTheTopUpAndStopTimeIsTheRealRunway() throws Exception {
        StreamPaymentClient sp = kit.v2();
        LateTopUp s = lateTopUpScenario(sp);
        assertEquals(s.start() + 142, s.afterTopUp().stopTime());
        assertEquals(s.start() + 82, s.afterTopUp().startTime(), "start moved forward by the 82 s idle gap");
        assertEquals(50, s.afterTopUp().stopTime() - s.toppedUpAt(), "runway = 50 s");
        assertEquals(50, StreamMath.remainingSeconds(s.afterTopUp(), s.toppedUpAt()));
        // at +93: the original 10 s plus 1 s of the new runway, nothing of the gap
        assertEquals(r(11), s.firstWithdraw());
        // vesting resumes from the top-up until the new stopTime
        kit.at(s.start() + 142);
        assertEquals(r(49), StreamPayment.getWithdrawEvents(sp.as(recipient).withdraw(s.id())).get(0).amount);
        kit.at(s.start() + 200);
        assertEquals("nothing to withdraw", revertOf(() -> sp.as(recipient).withdraw(s.id())));
    }

    @Test
    void fix2_v2_rightAfterTheLateTopUpOnlyTheOriginalDepositIsWithdrawable() throws Exception {
        StreamPaymentClient sp = kit.v2();
        Created c = createEth(sp, sender, recipient.getAddress(), r(10), R);
        kit.at(c.start() + 92);
        ChainKit.topUpEth(sp, sender, c.id(), r(50));
        // views at the top-up's block
        assertEquals(c.start() + 92, anvil.now());
        assertEquals(r(10), kit.views(sp.address()).withdrawable(c.id()).send());
        assertEquals(r(10), kit.views(sp.address()).vestedAmount(c.id()).send());
    }

    @Test
    void fix2_v1_lateTopUpVestsAtOnceWhileStopTimePromisesARunway() throws Exception {
        LateTopUp s = lateTopUpScenario(kit.deployV1());
        assertEquals(s.start() + 142, s.afterTopUp().stopTime());
        assertEquals(s.start(), s.afterTopUp().startTime());
        assertEquals(50, s.afterTopUp().stopTime() - s.toppedUpAt(), "stopTime - now still reports 50 s");
        assertEquals(r(60), s.firstWithdraw(), "all 50 s of the top-up vested at once (back-charged gap)");
        assertEquals(0, StreamMath.remainingSeconds(s.afterTopUp(), s.toppedUpAt()), "the real runway is 0");
    }

    // ==== 3. a party that cannot receive cannot block terminate ================================================

    /** A stream with a TestParty that rejects ETH on one side (the party, the stream and its creation). */
    private record RejectingParty(StreamPaymentClient sp, TestParty party, Created created) {
    }

    private RejectingParty rejectingRecipient(StreamPaymentClient sp) throws Exception {
        TestParty party = kit.deployParty(sp.address());
        party.setRejectEth(true).send();
        Created c = createEth(sp, sender, party.getContractAddress(), r(100), R);
        return new RejectingParty(sp, party, c);
    }

    @Test
    void fix3_v2_recipientRejectingEthCannotBlockTheSendersTerminate() throws Exception {
        RejectingParty s = rejectingRecipient(kit.v2());
        StreamPaymentClient sp = s.sp();
        String party = s.party().getContractAddress();
        BigInteger senderBefore = kit.eth(sender.getAddress());
        kit.at(s.created().start() + 30);
        TransactionReceipt receipt = sp.as(sender).terminate(s.created().id());

        StreamPayment.TerminatedEventResponse t = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(r(70), t.senderRefund);
        assertEquals(r(30), t.recipientPayout);
        List<StreamPayment.PayoutDeferredEventResponse> deferred = StreamPayment.getPayoutDeferredEvents(receipt);
        assertEquals(1, deferred.size());
        assertEquals(s.created().id(), deferred.get(0).streamId);
        assertAddress(party, deferred.get(0).account);
        assertAddress(ETH, deferred.get(0).token);
        assertEquals(r(30), deferred.get(0).amount);

        assertEquals(senderBefore.add(r(70)), kit.eth(sender.getAddress()).add(gasCost(receipt)), "refund paid");
        assertEquals(BigInteger.ZERO, kit.eth(party));
        assertEquals(r(30), kit.pending(sp.address(), ETH, party));
        assertEquals(r(30), kit.eth(sp.address()), "the deferred payout stays in the contract");
        assertTrue(sp.stream(s.created().id()).terminated());
        assertEquals(r(30), sp.stream(s.created().id()).withdrawn());

        // claimPending: checks, a failing claim keeps the credit, then a claim to another address
        assertEquals("to=0", revertOf(() -> kit.send(sender, party, BigInteger.ZERO, "claimPending", addr(ETH),
                addr(ETH))));
        assertEquals("eth transfer failed", revertOf(() -> kit.send(sender, party, BigInteger.ZERO, "claimPending",
                addr(ETH), addr(party))));
        assertEquals(r(30), kit.pending(sp.address(), ETH, party));
        BigInteger strangerBefore = kit.eth(stranger.getAddress());
        TransactionReceipt claim = kit.send(sender, party, BigInteger.ZERO, "claimPending", addr(ETH),
                addr(stranger.getAddress()));
        List<StreamPayment.PayoutClaimedEventResponse> claimed = StreamPayment.getPayoutClaimedEvents(claim);
        assertEquals(1, claimed.size());
        assertAddress(party, claimed.get(0).account);
        assertAddress(ETH, claimed.get(0).token);
        assertAddress(stranger.getAddress(), claimed.get(0).to);
        assertEquals(r(30), claimed.get(0).amount);
        assertEquals(strangerBefore.add(r(30)), kit.eth(stranger.getAddress()));
        assertEquals(BigInteger.ZERO, kit.pending(sp.address(), ETH, party));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals("nothing to claim", revertOf(() -> kit.send(sender, party, BigInteger.ZERO, "claimPending",
                addr(ETH), addr(stranger.getAddress()))));
    }

    @Test
    void fix3_v2_claimPendingChecksTheDestinationThenTheCredit() throws Exception {
        StreamPaymentClient sp = kit.v2();
        assertEquals("to=0", revertOf(() -> sp.as(stranger).claimPending(ETH, ETH)));
        assertEquals("nothing to claim", revertOf(() -> sp.as(stranger).claimPending(ETH, stranger.getAddress())));
        assertEquals("nothing to claim", revertOf(() -> sp.as(stranger).claimPending(anvil.tokenAddress(),
                stranger.getAddress())));
    }

    @Test
    void fix3_v1_recipientRejectingEthBlocksTerminateEvenAfterAHalt() throws Exception {
        RejectingParty s = rejectingRecipient(kit.deployV1());
        StreamPaymentClient sp = s.sp();
        kit.at(s.created().start() + 30);
        assertEquals("eth payout failed", revertOf(() -> sp.as(sender).terminate(s.created().id())));
        sp.as(anvil.oracle()).haltStream(s.created().id());
        kit.at(s.created().start() + 40);
        assertEquals("eth payout failed", revertOf(() -> sp.as(sender).terminate(s.created().id())));
        assertEquals(checksum(s.party().getContractAddress()), sp.stream(s.created().id()).recipient(),
                "still open: the sender's 70 s are locked");
        assertEquals(r(100), kit.eth(sp.address()));
    }

    /** A stream from a TestParty (funded by the deployer's call) to {@link #recipient}; the party then rejects ETH. */
    private RejectingParty rejectingSender(StreamPaymentClient sp) throws Exception {
        TestParty party = kit.deployParty(sp.address());
        TransactionReceipt r = kit.send(anvil.deployer(), party.getContractAddress(), r(100), "createStream",
                addr(ETH), addr(recipient.getAddress()), u256(r(100)), new Uint128(R));
        StreamPayment.StreamCreatedEventResponse e = StreamPayment.getStreamCreatedEvents(r).get(0);
        assertAddress(party.getContractAddress(), e.sender);
        party.setRejectEth(true).send();
        return new RejectingParty(sp, party, new Created(e.streamId, r, e));
    }

    @Test
    void fix3_v2_senderRejectingEthCannotBlockTheRecipientsTerminate() throws Exception {
        RejectingParty s = rejectingSender(kit.v2());
        StreamPaymentClient sp = s.sp();
        String party = s.party().getContractAddress();
        BigInteger recipientBefore = kit.eth(recipient.getAddress());
        kit.at(s.created().start() + 30);
        TransactionReceipt receipt = sp.as(recipient).terminate(s.created().id());

        assertEquals(recipientBefore.add(r(30)), kit.eth(recipient.getAddress()).add(gasCost(receipt)));
        List<StreamPayment.PayoutDeferredEventResponse> deferred = StreamPayment.getPayoutDeferredEvents(receipt);
        assertEquals(1, deferred.size());
        assertAddress(party, deferred.get(0).account);
        assertEquals(r(70), deferred.get(0).amount);
        StreamPayment.TerminatedEventResponse t = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(r(70), t.senderRefund);
        assertEquals(r(30), t.recipientPayout);
        assertEquals(r(70), kit.pending(sp.address(), ETH, party));

        BigInteger strangerBefore = kit.eth(stranger.getAddress());
        kit.send(anvil.deployer(), party, BigInteger.ZERO, "claimPending", addr(ETH), addr(stranger.getAddress()));
        assertEquals(strangerBefore.add(r(70)), kit.eth(stranger.getAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
    }

    @Test
    void fix3_v1_senderRejectingEthBlocksTheRecipientsTerminate() throws Exception {
        RejectingParty s = rejectingSender(kit.deployV1());
        kit.at(s.created().start() + 30);
        assertEquals("eth refund failed", revertOf(() -> s.sp().as(recipient).terminate(s.created().id())));
        assertEquals(checksum(recipient.getAddress()), s.sp().stream(s.created().id()).recipient());
    }

    /** A BlockingToken stream from {@link #sender} to {@link #recipient}; then one side is blocked. */
    private record Blocked(StreamPaymentClient sp, BlockingToken token, Created created, Credentials blocked,
                           Credentials other) {
    }

    private Blocked blockedTokenScenario(StreamPaymentClient sp, String side, boolean quiet) throws Exception {
        BlockingToken bt = kit.deployBlockingToken();
        bt.mint(sender.getAddress(), r(100)).send();
        kit.send(sender, bt.getContractAddress(), BigInteger.ZERO, "approve", addr(sp.address()), u256(r(100)));
        Created c = createToken(sp, sender, bt.getContractAddress(), recipient.getAddress(), r(100), R);
        bt.setQuiet(quiet).send();
        Credentials blocked = side.equals("recipient") ? recipient : sender;
        bt.setBlocked(blocked.getAddress(), true).send();
        return new Blocked(sp, bt, c, blocked, blocked == recipient ? sender : recipient);
    }

    @ParameterizedTest(name = "blocked {0}, quiet token {1}")
    @CsvSource({"recipient, false", "recipient, true", "sender, false", "sender, true"})
    void fix3_v2_blockedTokenAccountCannotBlockTheOthersTerminate(String side, boolean quiet) throws Exception {
        Blocked s = blockedTokenScenario(kit.v2(), side, quiet);
        String token = s.token().getContractAddress();
        String blocked = s.blocked().getAddress();
        BigInteger blockedShare = side.equals("recipient") ? r(30) : r(70);
        BigInteger otherShare = side.equals("recipient") ? r(70) : r(30);

        kit.at(s.created().start() + 30);
        TransactionReceipt receipt = s.sp().as(s.other()).terminate(s.created().id());
        List<StreamPayment.PayoutDeferredEventResponse> deferred = StreamPayment.getPayoutDeferredEvents(receipt);
        assertEquals(1, deferred.size());
        assertEquals(s.created().id(), deferred.get(0).streamId);
        assertAddress(blocked, deferred.get(0).account);
        assertAddress(token, deferred.get(0).token);
        assertEquals(blockedShare, deferred.get(0).amount);
        StreamPayment.TerminatedEventResponse t = StreamPayment.getTerminatedEvents(receipt).get(0);
        assertEquals(r(70), t.senderRefund);
        assertEquals(r(30), t.recipientPayout);

        assertEquals(otherShare, kit.tokens(token, s.other().getAddress()), "the other party was paid");
        assertEquals(BigInteger.ZERO, kit.tokens(token, blocked));
        assertEquals(blockedShare, kit.pending(s.sp().address(), token, blocked));
        assertEquals(blockedShare, kit.tokens(token, s.sp().address()));

        // the blocked account claims to another address; a claim to itself still fails and keeps the credit
        assertEquals(quiet ? "transfer failed" : "blocked",
                revertOf(() -> s.sp().as(s.blocked()).claimPending(token, blocked)));
        TransactionReceipt claim = s.sp().as(s.blocked()).claimPending(token, stranger.getAddress());
        assertEquals(blockedShare, StreamPayment.getPayoutClaimedEvents(claim).get(0).amount);
        assertEquals(blockedShare, kit.tokens(token, stranger.getAddress()));
        assertEquals(BigInteger.ZERO, kit.pending(s.sp().address(), token, blocked));
        assertEquals(BigInteger.ZERO, kit.tokens(token, s.sp().address()));
    }

    @ParameterizedTest(name = "blocked {0}, quiet token {1}")
    @CsvSource({"recipient, false, blocked", "recipient, true, transfer payout failed",
            "sender, false, blocked", "sender, true, transfer refund failed"})
    void fix3_v1_blockedTokenAccountBlocksTheOthersTerminate(String side, boolean quiet, String reason)
            throws Exception {
        Blocked s = blockedTokenScenario(kit.deployV1(), side, quiet);
        kit.at(s.created().start() + 30);
        assertEquals(reason, revertOf(() -> s.sp().as(s.other()).terminate(s.created().id())));
        assertEquals(r(100), kit.tokens(s.token().getContractAddress(), s.sp().address()));
    }

    // ==== 4. ETH sent with ERC-20-mode calls ===================================================================

    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

    @Test
    void fix4_v2_ethWithTokenModeCallsIsRefusedAndTheSenderKeepsIt() throws Exception {
        StreamPaymentClient sp = kit.v2();
        String token = anvil.tokenAddress();
        kit.fundTokens(sender, r(200), sp.address(), r(200));
        assertEquals("value != 0", revertOf(() -> ChainKit.create(sp, sender, token, recipient.getAddress(), r(100),
                R, ONE_ETH)));

        // the same call mined (no pre-flight): it reverts and costs the sender only gas
        BigInteger before = kit.eth(sender.getAddress());
        TransactionReceipt mined = kit.sendWithGas(sender, sp.address(), ONE_ETH, ChainKit.RAW_GAS, "createStream",
                addr(token), addr(recipient.getAddress()), u256(r(100)), new Uint128(R));
        assertFalse(mined.isStatusOK());
        assertEquals("value != 0", kit.revertReason(mined));
        assertEquals(before.subtract(gasCost(mined)), kit.eth(sender.getAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals(r(200), kit.tokens(token, sender.getAddress()));

        Created c = createToken(sp, sender, token, recipient.getAddress(), r(100), R);
        assertEquals("value != 0", revertOf(() -> sp.as(sender).send("topUp", ONE_ETH, u256(c.id()), u256(r(50)))));
        before = kit.eth(sender.getAddress());
        mined = kit.sendWithGas(sender, sp.address(), ONE_ETH, ChainKit.RAW_GAS, "topUp", u256(c.id()), u256(r(50)));
        assertFalse(mined.isStatusOK());
        assertEquals("value != 0", kit.revertReason(mined));
        assertEquals(before.subtract(gasCost(mined)), kit.eth(sender.getAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(sp.address()));
        assertEquals(r(100), sp.stream(c.id()).deposit());
    }

    @Test
    void fix4_v1_ethWithTokenModeCallsIsAcceptedAndStuck() throws Exception {
        StreamPaymentClient sp = kit.deployV1();
        String token = anvil.tokenAddress();
        kit.fundTokens(sender, r(200), sp.address(), r(200));
        BigInteger before = kit.eth(sender.getAddress());
        Created c = ChainKit.create(sp, sender, token, recipient.getAddress(), r(100), R, ONE_ETH);
        assertEquals(before.subtract(ONE_ETH).subtract(gasCost(c.receipt())), kit.eth(sender.getAddress()));
        assertEquals(ONE_ETH, kit.eth(sp.address()));
        kit.at(c.start() + 1);
        sp.as(sender).send("topUp", ONE_ETH, u256(c.id()), u256(r(50)));
        assertEquals(ONE_ETH.add(ONE_ETH), kit.eth(sp.address()));
        // terminating returns the tokens only; the ETH has no way out
        kit.at(c.start() + 2);
        sp.as(sender).terminate(c.id());
        assertEquals(BigInteger.ZERO, kit.tokens(token, sp.address()));
        assertEquals(ONE_ETH.add(ONE_ETH), kit.eth(sp.address()));
    }

    // ==== 5. re-entry ==========================================================================================

    /** What a re-entering recipient achieved during its own withdraw at +10. */
    record Reentry(String outcome, TransactionReceipt withdraw, StreamState after, BigInteger senderGain,
                   BigInteger partyBalance) {
    }

    /** A TestParty recipient withdraws at +10 and, when paid, tries to re-enter with {@code mode}. */
    private Reentry reentryScenario(StreamPaymentClient sp, int mode) throws Exception {
        TestParty party = kit.deployParty(sp.address());
        Created c = createEth(sp, sender, party.getContractAddress(), r(100), R);
        party.setReentry(BigInteger.valueOf(mode), c.id()).send();
        BigInteger senderBefore = kit.eth(sender.getAddress());
        kit.at(c.start() + 10);
        TransactionReceipt w = kit.send(stranger, party.getContractAddress(), BigInteger.ZERO, "withdraw",
                u256(c.id()));
        return new Reentry(party.reentryOutcome().send(), w, sp.stream(c.id()),
                kit.eth(sender.getAddress()).subtract(senderBefore), kit.eth(party.getContractAddress()));
    }

    @ParameterizedTest(name = "re-entry mode {0}")
    @ValueSource(ints = {1, 2, 3})
    void fix5_v2_reentryFromAPaidRecipientIsRefused(int mode) throws Exception {
        Reentry e = reentryScenario(kit.v2(), mode);
        assertEquals("reentrant", e.outcome());
        // the outer withdraw went through, alone
        List<StreamPayment.WithdrawEventResponse> w = StreamPayment.getWithdrawEvents(e.withdraw());
        assertEquals(1, w.size());
        assertEquals(r(10), w.get(0).amount);
        assertTrue(StreamPayment.getTerminatedEvents(e.withdraw()).isEmpty());
        assertTrue(StreamPayment.getToppedUpEvents(e.withdraw()).isEmpty());
        assertEquals(r(10), e.partyBalance());
        assertFalse(e.after().terminated(), "the stream is still open");
        assertEquals(r(10), e.after().withdrawn());
        assertEquals(r(100), e.after().deposit());
        assertEquals(BigInteger.ZERO, e.senderGain());
    }

    @ParameterizedTest(name = "re-entry mode {0}: {1}")
    @CsvSource({"1, nothing to withdraw", "2, ok", "3, not sender"})
    void fix5_v1_reentryIsNotGuarded(int mode, String outcome) throws Exception {
        Reentry e = reentryScenario(kit.deployV1(), mode);
        assertEquals(outcome, e.outcome(), "v1 lets the call in; only its own checks decide");
        assertEquals(r(10), e.partyBalance());
        if (mode == 2) {
            // the recipient terminated the stream from inside its withdraw
            assertTrue(e.after().terminated());
            StreamPayment.TerminatedEventResponse t = StreamPayment.getTerminatedEvents(e.withdraw()).get(0);
            assertEquals(r(90), t.senderRefund);
            assertEquals(BigInteger.ZERO, t.recipientPayout);
            assertEquals(r(90), e.senderGain());
            // and the outer Withdraw event, emitted after the re-entry, names recipient 0
            assertAddress(ETH, StreamPayment.getWithdrawEvents(e.withdraw()).get(0).recipient);
        }
    }

    // ==== payout gas ===========================================================================================

    @Test
    void terminateWithTooLittleGasForAContractRecipientRevertsInsteadOfDeferring() throws Exception {
        StreamPaymentClient sp = kit.v2();
        TestParty party = kit.deployParty(sp.address()); // accepts ETH
        Created c = createEth(sp, sender, party.getContractAddress(), r(100), R);
        kit.at(c.start() + 30);
        TransactionReceipt tight = kit.sendWithGas(sender, sp.address(), BigInteger.ZERO,
                BigInteger.valueOf(120_000), "terminate", u256(c.id()));
        assertFalse(tight.isStatusOK());
        assertEquals("gas too low", kit.revertReason(tight));
        assertFalse(sp.stream(c.id()).terminated(), "nothing happened");
        assertEquals(BigInteger.ZERO, kit.pending(sp.address(), ETH, party.getContractAddress()));
        assertEquals(BigInteger.ZERO, kit.eth(party.getContractAddress()));

        // with the node's estimate the accepting contract is paid directly
        kit.at(c.start() + 31);
        TransactionReceipt ok = sp.as(sender).terminate(c.id());
        assertTrue(StreamPayment.getPayoutDeferredEvents(ok).isEmpty());
        assertEquals(r(31), kit.eth(party.getContractAddress()));
        assertEquals(BigInteger.ZERO, kit.pending(sp.address(), ETH, party.getContractAddress()));
        StreamPayment.TerminatedEventResponse t = StreamPayment.getTerminatedEvents(ok).get(0);
        assertEquals(r(69), t.senderRefund);
        assertEquals(r(31), t.recipientPayout);
    }

    @Test
    void aContractSenderThatAcceptsEthIsRefundedDirectly() throws Exception {
        StreamPaymentClient sp = kit.v2();
        TestParty party = kit.deployParty(sp.address());
        TransactionReceipt r = kit.send(anvil.deployer(), party.getContractAddress(), r(100), "createStream",
                addr(ETH), addr(recipient.getAddress()), u256(r(100)), new Uint128(R));
        StreamPayment.StreamCreatedEventResponse e = StreamPayment.getStreamCreatedEvents(r).get(0);
        kit.at(e.startTime.longValueExact() + 25);
        TransactionReceipt ok = sp.as(recipient).terminate(e.streamId);
        assertTrue(StreamPayment.getPayoutDeferredEvents(ok).isEmpty());
        assertEquals(r(75), kit.eth(party.getContractAddress()));
    }
}
