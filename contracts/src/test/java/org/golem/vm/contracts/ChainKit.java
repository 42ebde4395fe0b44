package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.generated.BlockingToken;
import org.golem.vm.contracts.generated.MockERC20;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.generated.StreamPaymentV1;
import org.golem.vm.contracts.generated.TestParty;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.function.Executable;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Shared helpers of the on-chain StreamPayment tests: contract deployment (StreamPaymentV1, TestParty, BlockingToken),
 * pinned block timestamps, stream creation through {@link StreamPaymentClient}, transactions to contracts other than
 * StreamPayment (value-aware gas estimate, or an explicit gas limit), revert reasons of mined transactions, gas
 * costs, and balance / view reads.
 */
final class ChainKit {

    /** The zero address: native-ETH mode for {@code token}. */
    static final String ETH = StreamState.ZERO_ADDRESS;
    /** Gas limit for transactions sent without an estimate. */
    static final BigInteger RAW_GAS = BigInteger.valueOf(1_000_000);


    final Anvil anvil;
    final Web3j web3j;

    ChainKit(Anvil anvil) {
        this.anvil = anvil;
        this.web3j = anvil.chain().web3j();
    }

    // ---- contracts ------------------------------------------------------------------------------------------

    /** @return a client for the StreamPayment v2 deployed by the anvil harness (ETH mode, oracle = anvil.oracle()) */
    StreamPaymentClient v2() {
        return new StreamPaymentClient(anvil.chain(), anvil.streamPaymentAddress());
    }

    /** @return a client for a fresh StreamPaymentV1 (the original's behaviour) with the same oracle as v2 */
    StreamPaymentClient deployV1() throws Exception {
        StreamPaymentV1 v1 = StreamPaymentV1.deploy(web3j, tm(anvil.deployer()), anvil.gas(),
                anvil.oracle().getAddress()).send();
        return new StreamPaymentClient(anvil.chain(), v1.getContractAddress());
    }

    /** @return a fresh TestParty acting on {@code streamPayment}; its setters are sent by the anvil deployer */
    TestParty deployParty(String streamPayment) throws Exception {
        return TestParty.deploy(web3j, tm(anvil.deployer()), anvil.gas(), streamPayment).send();
    }

    /** @return a fresh BlockingToken; its setters are sent by the anvil deployer */
    BlockingToken deployBlockingToken() throws Exception {
        return BlockingToken.deploy(web3j, tm(anvil.deployer()), anvil.gas()).send();
    }

    /** @return the StreamPayment ABI's views (v2 only: vestedAmount, withdrawable, pendingPayouts, version) */
    StreamPayment views(String address) {
        return StreamPayment.load(address, web3j, new ReadonlyTransactionManager(web3j, null), anvil.gas());
    }

    /** A signing transaction manager that polls receipts every 20 ms (anvil mines at once). */
    TransactionManager tm(Credentials as) {
        return new RawTransactionManager(web3j, as, anvil.chain().chainId(),
                new PollingTransactionReceiptProcessor(web3j, 20, 3000));
    }

    /** @return the harness's MockERC20, sending as {@code as} */
    MockERC20 mockToken(Credentials as) {
        return MockERC20.load(anvil.tokenAddress(), web3j, tm(as), anvil.gas());
    }

    /** Mints {@code amount} MockERC20 to {@code owner} and approves {@code spender} for {@code allowance}. */
    void fundTokens(Credentials owner, BigInteger amount, String spender, BigInteger allowance) throws Exception {
        MockERC20 token = mockToken(owner);
        if (amount.signum() > 0) {
            token.mint(owner.getAddress(), amount).send();
        }
        token.approve(spender, allowance).send();
    }

    // ---- time -----------------------------------------------------------------------------------------------

    /** @return the latest block's timestamp */
    long now() {
        return anvil.now();
    }

    /** The next transaction is mined in a block with timestamp {@code t} (also the time pre-flight estimates use). */
    void at(long t) {
        anvil.setNextBlockTimestamp(t);
    }

    /** Mines an empty block at {@code t}, so views (evaluated at the latest block) see time {@code t}. */
    void mineAt(long t) {
        anvil.setNextBlockTimestamp(t);
        anvil.mine();
        assertEquals(t, anvil.now(), "latest block timestamp");
    }

    // ---- streams --------------------------------------------------------------------------------------------

    /** A created stream: its id, the creation receipt and its StreamCreated event. */
    record Created(BigInteger id, TransactionReceipt receipt, StreamPayment.StreamCreatedEventResponse event) {
        long start() {
            return event.startTime.longValueExact();
        }
    }

    /**
     * {@code createStream} through the client's Writer, sending {@code value} (the deposit in ETH mode, normally 0
     * in token mode).
     */
    static Created create(StreamPaymentClient client, Credentials sender, String token, String recipient,
                          BigInteger deposit, BigInteger rate, BigInteger value) throws Exception {
        TransactionReceipt r = client.as(sender).send("createStream", value, new Address(token),
                new Address(recipient), new Uint256(deposit), new Uint128(rate));
        List<StreamPayment.StreamCreatedEventResponse> events = StreamPayment.getStreamCreatedEvents(r);
        assertEquals(1, events.size(), "one StreamCreated event");
        return new Created(events.get(0).streamId, r, events.get(0));
    }

    /** ETH-mode {@code createStream}: the deposit is sent as value. */
    static Created createEth(StreamPaymentClient client, Credentials sender, String recipient, BigInteger deposit,
                             BigInteger rate) throws Exception {
        return create(client, sender, ETH, recipient, deposit, rate, deposit);
    }

    /** Token-mode {@code createStream}, no value. */
    static Created createToken(StreamPaymentClient client, Credentials sender, String token, String recipient,
                               BigInteger deposit, BigInteger rate) throws Exception {
        return create(client, sender, token, recipient, deposit, rate, BigInteger.ZERO);
    }

    /** ETH-mode {@code topUp}. */
    static TransactionReceipt topUpEth(StreamPaymentClient client, Credentials sender, BigInteger id,
                                       BigInteger amount) throws Exception {
        return client.as(sender).topUp(id, amount, true);
    }

    // ---- transactions to any contract -----------------------------------------------------------------------

    /**
     * Calls {@code fn(args)} on {@code to} from {@code from} with {@code value} through the product's own path,
     * {@link Chain#send} (pre-flight estimate with the value, so a refusal throws {@link ContractRevertException}
     * with the reason and nothing is sent).
     */
    TransactionReceipt send(Credentials from, String to, BigInteger value, String fn, Type<?>... args)
            throws ContractRevertException, IOException {
        return anvil.chain().send(from, to, fn, value, args);
    }

    /** Sends {@code fn(args)} with an explicit gas limit and no estimate; returns the receipt, failed or not. */
    TransactionReceipt sendWithGas(Credentials from, String to, BigInteger value, BigInteger gasLimit, String fn,
                                   Type<?>... args) throws IOException {
        return sendWithGas(from, to, value, gasLimit, encode(fn, args));
    }

    private TransactionReceipt sendWithGas(Credentials from, String to, BigInteger value, BigInteger gasLimit,
                                           String data) throws IOException {
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        EthSendTransaction sent = tm(from).sendTransaction(gasPrice, gasLimit, to, data, value);
        if (sent.hasError()) {
            throw new IOException("transaction refused by the node: " + sent.getError().getMessage());
        }
        try {
            return new PollingTransactionReceiptProcessor(web3j, 20, 3000)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String encode(String fn, Type<?>... args) {
        return FunctionEncoder.encode(new Function(fn, (List) Arrays.asList(args), List.<TypeReference<?>>of()));
    }

    /** @return the revert reason of a mined failed transaction (anvil's call tracer), or its error */
    String revertReason(TransactionReceipt receipt) {
        Object trace = anvil.rpc("debug_traceTransaction", receipt.getTransactionHash(),
                Map.of("tracer", "callTracer")).getResult();
        if (trace instanceof Map<?, ?> map) {
            Object reason = map.get("revertReason");
            if (reason != null) {
                return reason.toString();
            }
            Object error = map.get("error");
            return error == null ? "" : error.toString();
        }
        return "";
    }

    /** @return wei paid for a transaction's gas: gasUsed × effectiveGasPrice */
    static BigInteger gasCost(TransactionReceipt receipt) {
        return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    }

    /** Runs a StreamPaymentClient (or {@link #send}) call that must be refused and returns the revert reason. */
    static String revertOf(Executable call) {
        return assertThrows(ContractRevertException.class, call, "expected the call to revert").reason();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    BigInteger eth(String address) {
        return anvil.balance(address);
    }

    /** @return {@code account}'s balance of an ERC-20 (MockERC20 or BlockingToken: same balanceOf ABI) */
    BigInteger tokens(String token, String account) throws Exception {
        return MockERC20.load(token, web3j, new ReadonlyTransactionManager(web3j, null), anvil.gas())
                .balanceOf(account).send();
    }

    /** @return v2's {@code pendingPayouts(token, account)} */
    BigInteger pending(String streamPayment, String token, String account) throws Exception {
        return views(streamPayment).pendingPayouts(token, account).send();
    }

    /** Same address, case-insensitively. */
    static void assertAddress(String expected, String actual) {
        assertEquals(expected.toLowerCase(Locale.ROOT), actual.toLowerCase(Locale.ROOT));
    }

    static Address addr(String a) {
        return new Address(a);
    }

    static Uint256 u256(BigInteger v) {
        return new Uint256(v);
    }

    static BigInteger wei(long v) {
        return BigInteger.valueOf(v);
    }
}
