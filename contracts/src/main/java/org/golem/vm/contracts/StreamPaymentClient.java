package org.golem.vm.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.generated.StreamPayment;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple9;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Reads and writes streams of a StreamPayment contract (v2, or the original v1 deployment: the functions the two
 * share have the same ABI).
 *
 * <p>Reads never send transactions; a failed read throws, and callers must treat that as "unknown", never as
 * "stream gone" (the original deleted VMs on a single failed read).
 *
 * <p>Writes go through {@link Chain#send}: signed locally, with a pre-flight {@code eth_estimateGas} that carries
 * the call's ETH value, so a call the contract would refuse fails with its revert reason before any gas is spent.
 */
public final class StreamPaymentClient {

    private final Chain chain;
    private final StreamPayment contract;
    private final String address;

    /**
     * @param chain   the chain the contract is on
     * @param address contract address, {@code 0x} + 40 hex
     */
    public StreamPaymentClient(Chain chain, String address) {
        this.chain = Objects.requireNonNull(chain);
        this.address = Keys.toChecksumAddress(Objects.requireNonNull(address));
        this.contract = StreamPayment.load(address, chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), null), new DefaultGasProvider());
    }

    /**
     * @param as the account that signs and pays for the writes
     * @return a writer sending transactions from {@code as}
     */
    public Writer as(Credentials as) {
        return new Writer(as);
    }

    /** @return the contract address, EIP-55 checksummed */
    public String address() {
        return address;
    }

    /**
     * Reads {@code streams(id)}.
     *
     * @param streamId stream id (the first stream is 1)
     * @return the stored stream; all-zero fields (see {@link StreamState#nonexistent()}) for an unknown id
     * @throws IOException when the node cannot be reached or the call fails
     */
    public StreamState stream(BigInteger streamId) throws IOException {
        Tuple9<String, String, String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, Boolean> t;
        try {
            t = contract.streams(streamId).send();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("streams(" + streamId + ") failed on " + address + ": " + e.getMessage(), e);
        }
        return state(t.component1(), t.component2(), t.component3(), t.component4(), t.component5(),
                t.component6(), t.component7(), t.component8(), t.component9());
    }

    /**
     * The chain's state of several streams read at once.
     *
     * @param blockTimestamp the latest block's timestamp, Unix seconds: the chain's "now" for vesting
     * @param streams        stream id → stored stream (all-zero fields for an unknown id), one entry per id asked
     */
    public record StreamBatch(long blockTimestamp, Map<BigInteger, StreamState> streams) {
        public StreamBatch {
            streams = Map.copyOf(streams);
        }
    }

    /**
     * Reads the latest block and {@code streams(id)} for every id in ONE JSON-RPC batch request (one HTTP round
     * trip however many streams a provider watches). All or nothing: if the batch or any call in it fails, nothing
     * is returned, so a caller never acts on a partial picture.
     *
     * @param streamIds stream ids (duplicates are read once)
     * @return the block timestamp and the streams
     * @throws IOException when the node cannot be reached, answers an error for any call, or answers garbage
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public StreamBatch streams(Collection<BigInteger> streamIds) throws IOException {
        List<BigInteger> ids = List.copyOf(new LinkedHashSet<>(streamIds));
        Function getter = new Function(StreamPayment.FUNC_STREAMS, List.of(new Uint256(BigInteger.ZERO)),
                STREAM_OUTPUTS);
        BatchRequest batch = chain.web3j().newBatch();
        batch.add(chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false));
        for (BigInteger id : ids) {
            String data = FunctionEncoder.encode(new Function(StreamPayment.FUNC_STREAMS, List.of(new Uint256(id)),
                    STREAM_OUTPUTS));
            batch.add(chain.web3j().ethCall(Transaction.createEthCallTransaction(null, address, data),
                    DefaultBlockParameterName.LATEST));
        }
        BatchResponse response;
        try {
            response = batch.send();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("batch read of " + ids.size() + " streams failed: " + e.getMessage(), e);
        }
        List<? extends org.web3j.protocol.core.Response<?>> replies = response.getResponses();
        if (replies == null || replies.size() != ids.size() + 1) {
            throw new IOException("batch read: expected " + (ids.size() + 1) + " replies, got "
                    + (replies == null ? 0 : replies.size()));
        }
        for (org.web3j.protocol.core.Response<?> r : replies) {
            if (r.hasError()) {
                throw new IOException("batch read: " + r.getError().getMessage());
            }
        }
        EthBlock.Block block = ((EthBlock) replies.get(0)).getBlock();
        if (block == null) {
            throw new IOException("batch read: the node returned no latest block");
        }
        Map<BigInteger, StreamState> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String value = ((EthCall) replies.get(i + 1)).getValue();
            List<Type> t = FunctionReturnDecoder.decode(value, getter.getOutputParameters());
            if (t.size() != 9) {
                throw new IOException("batch read: streams(" + ids.get(i) + ") returned " + t.size() + " values");
            }
            out.put(ids.get(i), state((String) t.get(0).getValue(), (String) t.get(1).getValue(),
                    (String) t.get(2).getValue(), (BigInteger) t.get(3).getValue(), (BigInteger) t.get(4).getValue(),
                    (BigInteger) t.get(5).getValue(), (BigInteger) t.get(6).getValue(),
                    (BigInteger) t.get(7).getValue(), (Boolean) t.get(8).getValue()));
        }
        return new StreamBatch(block.getTimestamp().longValueExact(), out);
    }

    @SuppressWarnings("rawtypes")
    private static final List<TypeReference<?>> STREAM_OUTPUTS = List.of(
            new TypeReference<Address>() { }, new TypeReference<Address>() { }, new TypeReference<Address>() { },
            new TypeReference<Uint128>() { }, new TypeReference<Uint128>() { }, new TypeReference<Uint128>() { },
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Bool>() { });

    private static StreamState state(String token, String sender, String recipient, BigInteger startTime,
                                     BigInteger stopTime, BigInteger rate, BigInteger deposit, BigInteger withdrawn,
                                     boolean halted) {
        return new StreamState(
                Keys.toChecksumAddress(token),
                Keys.toChecksumAddress(sender),
                Keys.toChecksumAddress(recipient),
                startTime.longValueExact(), // startTime <= the chain's now: always fits
                // stopTime is a uint128: anyone can open a stream ending beyond Java's long (2^63 s, ~292 billion
                // years). Such a stream is endless for every practical purpose, so it reads as Long.MAX_VALUE
                // rather than failing a provider's monitor.
                stopTime.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(),
                rate, deposit, withdrawn, halted);
    }

    /**
     * @return the contract's version: 2 for this project's contract, 1 for a contract without {@code version()}
     *         (the original deployment)
     * @throws IOException when the node cannot be reached
     */
    public int version() throws IOException {
        String code = chain.web3j().ethGetCode(address,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode();
        if (code == null || code.equals("0x")) {
            throw new IOException("no contract at " + address);
        }
        try {
            return contract.version().send().intValueExact();
        } catch (org.web3j.tx.exceptions.ContractCallException e) {
            return 1; // the call reverted: no version() function, i.e. the original contract
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("version() failed on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends StreamPayment transactions from one account and waits for their receipts. Every method throws
     * {@link ContractRevertException} when the contract refuses the call (with its revert string) and
     * {@link IOException} when the node cannot be reached or the transaction is not mined in time.
     */
    public final class Writer {
        private final Credentials from;

        private Writer(Credentials from) {
            this.from = from;
        }

        /**
         * {@code createStream}: opens a stream; in ETH mode ({@code token} is the zero address) sends
         * {@code depositWei} as value.
         *
         * @param token            ERC-20 address or the zero address for native ETH
         * @param recipient        the provider's address
         * @param depositWei       the deposit in wei
         * @param ratePerSecondWei the rate in wei per second (must fit uint128)
         * @return the new stream's id, from the {@code StreamCreated} event
         */
        public BigInteger createStream(String token, String recipient, BigInteger depositWei,
                                       BigInteger ratePerSecondWei) throws ContractRevertException, IOException {
            boolean eth = new Address(token).toUint().getValue().signum() == 0;
            TransactionReceipt receipt = send("createStream", eth ? depositWei : BigInteger.ZERO,
                    new Address(token), new Address(recipient), new Uint256(depositWei), new Uint128(ratePerSecondWei));
            List<StreamPayment.StreamCreatedEventResponse> events = StreamPayment.getStreamCreatedEvents(receipt);
            if (events.isEmpty()) {
                throw new IOException("createStream mined without a StreamCreated event: "
                        + receipt.getTransactionHash());
            }
            return events.get(0).streamId;
        }

        /**
         * {@code topUp}: adds {@code amountWei} to a stream (sent as value in ETH mode).
         *
         * @param nativeEth whether the stream pays in ETH (then the amount is sent as value)
         */
        public TransactionReceipt topUp(BigInteger streamId, BigInteger amountWei, boolean nativeEth)
                throws ContractRevertException, IOException {
            return send("topUp", nativeEth ? amountWei : BigInteger.ZERO, new Uint256(streamId),
                    new Uint256(amountWei));
        }

        /** {@code withdraw}: the recipient takes what vested. */
        public TransactionReceipt withdraw(BigInteger streamId) throws ContractRevertException, IOException {
            return send("withdraw", BigInteger.ZERO, new Uint256(streamId));
        }

        /** {@code terminate}: either party closes the stream. */
        public TransactionReceipt terminate(BigInteger streamId) throws ContractRevertException, IOException {
            return send("terminate", BigInteger.ZERO, new Uint256(streamId));
        }

        /** {@code haltStream}: oracle only. */
        public TransactionReceipt haltStream(BigInteger streamId) throws ContractRevertException, IOException {
            return send("haltStream", BigInteger.ZERO, new Uint256(streamId));
        }

        /** {@code claimPending} (v2 only): sends the caller's deferred payouts in {@code token} to {@code to}. */
        public TransactionReceipt claimPending(String token, String to) throws ContractRevertException, IOException {
            return send("claimPending", BigInteger.ZERO, new Address(token), new Address(to));
        }

        /**
         * Sends one call to the StreamPayment contract with {@link Chain#send}.
         *
         * @param function the contract function's name
         * @param valueWei ETH sent with the call
         * @param args     ABI-typed arguments
         */
        @SuppressWarnings("rawtypes")
        public TransactionReceipt send(String function, BigInteger valueWei, Type... args)
                throws ContractRevertException, IOException {
            return chain.send(from, address, function, valueWei, args);
        }
    }
}
