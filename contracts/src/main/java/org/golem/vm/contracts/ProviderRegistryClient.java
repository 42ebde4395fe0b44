package org.golem.vm.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.golem.vm.contracts.generated.ProviderRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/**
 * Reads and writes the ProviderRegistry contract (docs/contracts.md §8): a provider's own entry ({@link Writer}),
 * the whole directory at one block ({@link #snapshot}) and what changed after a block ({@link #changesSince}).
 *
 * <p>Reads are {@code eth_call}s and {@code eth_getLogs}, free of gas; a failed read throws {@link IOException}
 * and means "unknown", never "empty". Writes go through {@link Chain#send} (a refusal is a
 * {@link ContractRevertException} with the contract's reason, found before any gas is spent).
 */
public final class ProviderRegistryClient {

    /**
     * Entries scanned per {@code page} call: a typical entry (~560 bytes) is ~20 storage slots, so a page reads
     * ~2,000 slots (~4-5 million gas of a call), far below a node's call gas cap (geth's default: 50 million).
     */
    public static final int PAGE = 100;
    /** Page calls sent in one JSON-RPC batch (one HTTP round trip). */
    public static final int PAGES_PER_BATCH = 10;
    /** Blocks asked for in one {@code eth_getLogs} (public nodes refuse wider ranges). */
    public static final long LOG_RANGE = 5_000;

    private static final String REGISTERED = EventEncoder.encode(ProviderRegistry.PROVIDERREGISTERED_EVENT);
    private static final String RENEWED = EventEncoder.encode(ProviderRegistry.PROVIDERRENEWED_EVENT);
    private static final String REMOVED = EventEncoder.encode(ProviderRegistry.PROVIDERREMOVED_EVENT);

    private final Chain chain;
    private final String address;

    /**
     * @param chain   the chain the registry is on
     * @param address the registry's address, {@code 0x} + 40 hex
     */
    public ProviderRegistryClient(Chain chain, String address) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.address = Keys.toChecksumAddress(Objects.requireNonNull(address, "address"));
    }

    /** @return the registry's address, EIP-55 */
    public String address() {
        return address;
    }

    /**
     * A live entry.
     *
     * @param provider  the provider's address, EIP-55 (the entry's owner)
     * @param data      the encoded advertisement ({@link RegistryEntryCodec})
     * @param expiresAt chain time it expires, Unix seconds
     * @param updatedAt chain time of its last register or renew, Unix seconds
     */
    public record Entry(String provider, byte[] data, long expiresAt, long updatedAt) {
    }

    /**
     * The directory as it was at one block.
     *
     * @param blockNumber    the block every page was read at
     * @param blockTimestamp that block's time, Unix seconds
     * @param entries        the live entries at that block, in index order
     */
    public record Snapshot(long blockNumber, long blockTimestamp, List<Entry> entries) {
        public Snapshot {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One event of the registry.
     *
     * @param kind        what happened
     * @param provider    whose entry, EIP-55
     * @param expiresAt   the new expiry (REGISTERED, RENEWED), else 0
     * @param updatedAt   chain time of the write (REGISTERED, RENEWED), else 0
     * @param data        the new content (REGISTERED), else null
     * @param blockNumber the block of the event
     */
    public record Change(Kind kind, String provider, long expiresAt, long updatedAt, byte[] data, long blockNumber) {
        /** The three events. */
        public enum Kind { REGISTERED, RENEWED, REMOVED }
    }

    /**
     * What changed after a block.
     *
     * @param toBlock        the last block read (the next call starts after it)
     * @param blockTimestamp that block's time, Unix seconds
     * @param changes        the events in chain order
     */
    public record Changes(long toBlock, long blockTimestamp, List<Change> changes) {
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /**
     * A provider's own entry as the contract keeps it, expired or not.
     *
     * @param contentHash keccak-256 of the stored bytes; all zero when there is no entry
     * @param expiresAt   its expiry, Unix seconds; 0 when there is no entry
     */
    public record State(byte[] contentHash, long expiresAt) {
        /** @return whether an entry (live or expired, not yet reclaimed) exists */
        public boolean exists() {
            return expiresAt != 0;
        }
    }

    /**
     * @param provider a provider's address
     * @return its entry's content hash and expiry (see {@link State})
     * @throws IOException when the node fails
     */
    @SuppressWarnings("rawtypes")
    public State stateOf(String provider) throws IOException {
        List<Type> out = call(new Function(ProviderRegistry.FUNC_STATEOF, List.of(new Address(provider)),
                List.of(new TypeReference<Bytes32>() { }, new TypeReference<Uint64>() { })),
                DefaultBlockParameterName.LATEST);
        return new State(((Bytes32) out.get(0)).getValue(), ((Uint64) out.get(1)).getValue().longValueExact());
    }

    /**
     * Reads every live entry at the latest block: {@code count()} and the block first, then {@code page} calls pinned
     * to that block, {@value #PAGES_PER_BATCH} per JSON-RPC batch. Pinning makes the pages consistent even while
     * entries are written, removed or reclaimed meanwhile; {@link #changesSince} with the snapshot's block follows
     * from there.
     *
     * @return the snapshot
     * @throws IOException when the node fails or answers garbage
     */
    @SuppressWarnings("rawtypes")
    public Snapshot snapshot() throws IOException {
        EthBlock.Block block = latestBlock();
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(block.getNumber());
        List<Type> c = call(new Function(ProviderRegistry.FUNC_COUNT, List.of(),
                List.of(new TypeReference<Uint256>() { })), at);
        long count = ((Uint256) c.get(0)).getValue().longValueExact();
        List<Entry> entries = new ArrayList<>();
        for (long start = 0; start < count; start += (long) PAGE * PAGES_PER_BATCH) {
            BatchRequest batch = chain.web3j().newBatch();
            List<Function> calls = new ArrayList<>();
            for (long cursor = start; cursor < Math.min(count, start + (long) PAGE * PAGES_PER_BATCH);
                    cursor += PAGE) {
                Function f = pageFunction(cursor);
                calls.add(f);
                batch.add(chain.web3j().ethCall(
                        Transaction.createEthCallTransaction(null, address, FunctionEncoder.encode(f)), at));
            }
            BatchResponse response;
            try {
                response = batch.send();
            } catch (RuntimeException e) {
                throw new IOException("registry page batch failed: " + e.getMessage(), e);
            }
            List<? extends org.web3j.protocol.core.Response<?>> replies = response.getResponses();
            if (replies == null || replies.size() != calls.size()) {
                throw new IOException("registry page batch: expected " + calls.size() + " replies");
            }
            for (int i = 0; i < calls.size(); i++) {
                EthCall reply = (EthCall) replies.get(i);
                entries.addAll(decodePage(reply, calls.get(i)));
            }
        }
        return new Snapshot(block.getNumber().longValueExact(), block.getTimestamp().longValueExact(), entries);
    }

    /**
     * Reads the registry's events from block {@code afterBlock + 1} to the latest block, {@value #LOG_RANGE} blocks
     * per {@code eth_getLogs}.
     *
     * @param afterBlock the last block already applied (a {@link Snapshot#blockNumber()} or {@link Changes#toBlock()})
     * @return the events in chain order and the block read up to
     * @throws IOException when the node fails or answers garbage
     */
    public Changes changesSince(long afterBlock) throws IOException {
        EthBlock.Block block = latestBlock();
        long latest = block.getNumber().longValueExact();
        List<Change> changes = new ArrayList<>();
        for (long from = afterBlock + 1; from <= latest; from += LOG_RANGE) {
            long to = Math.min(latest, from + LOG_RANGE - 1);
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
            EthLog logs = chain.web3j().ethGetLogs(filter).send();
            if (logs.hasError()) {
                throw new IOException("eth_getLogs on the registry: " + logs.getError().getMessage());
            }
            for (EthLog.LogResult<?> r : logs.getLogs()) {
                Change change = change((Log) r.get());
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        return new Changes(latest, block.getTimestamp().longValueExact(), changes);
    }

    /** @return the event as a change, or null for an event that is not the registry's */
    @SuppressWarnings("rawtypes")
    private static Change change(Log log) {
        List<String> topics = log.getTopics();
        if (topics == null || topics.size() < 2) {
            return null;
        }
        String provider = Keys.toChecksumAddress("0x" + topics.get(1).substring(topics.get(1).length() - 40));
        long blockNumber = log.getBlockNumber().longValueExact();
        String t = topics.get(0);
        if (t.equals(REGISTERED)) {
            List<Type> v = Contract.staticExtractEventParameters(ProviderRegistry.PROVIDERREGISTERED_EVENT, log)
                    .getNonIndexedValues();
            return new Change(Change.Kind.REGISTERED, provider, ((Uint64) v.get(0)).getValue().longValueExact(),
                    ((Uint64) v.get(1)).getValue().longValueExact(), ((DynamicBytes) v.get(2)).getValue(),
                    blockNumber);
        }
        if (t.equals(RENEWED)) {
            List<Type> v = Contract.staticExtractEventParameters(ProviderRegistry.PROVIDERRENEWED_EVENT, log)
                    .getNonIndexedValues();
            return new Change(Change.Kind.RENEWED, provider, ((Uint64) v.get(0)).getValue().longValueExact(),
                    ((Uint64) v.get(1)).getValue().longValueExact(), null, blockNumber);
        }
        if (t.equals(REMOVED)) {
            return new Change(Change.Kind.REMOVED, provider, 0, 0, null, blockNumber);
        }
        return null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Function pageFunction(long cursor) {
        return new Function(ProviderRegistry.FUNC_PAGE,
                List.of(new Uint256(BigInteger.valueOf(cursor)), new Uint256(BigInteger.valueOf(PAGE))),
                List.of(new TypeReference<DynamicArray<Address>>() { },
                        new TypeReference<DynamicArray<DynamicBytes>>() { },
                        new TypeReference<DynamicArray<Uint64>>() { },
                        new TypeReference<DynamicArray<Uint64>>() { },
                        new TypeReference<Uint256>() { }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Entry> decodePage(EthCall reply, Function f) throws IOException {
        if (reply.hasError()) {
            throw new IOException("registry page: " + reply.getError().getMessage());
        }
        List<Type> out = FunctionReturnDecoder.decode(reply.getValue(), f.getOutputParameters());
        if (out.size() != 5) {
            throw new IOException("registry page: unexpected answer " + reply.getValue());
        }
        List<Address> ids = ((DynamicArray<Address>) out.get(0)).getValue();
        List<DynamicBytes> data = ((DynamicArray<DynamicBytes>) out.get(1)).getValue();
        List<Uint64> expires = ((DynamicArray<Uint64>) out.get(2)).getValue();
        List<Uint64> updated = ((DynamicArray<Uint64>) out.get(3)).getValue();
        List<Entry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            entries.add(new Entry(Keys.toChecksumAddress(ids.get(i).getValue()), data.get(i).getValue(),
                    expires.get(i).getValue().longValueExact(), updated.get(i).getValue().longValueExact()));
        }
        return entries;
    }

    @SuppressWarnings("rawtypes")
    private List<Type> call(Function f, DefaultBlockParameter at) throws IOException {
        EthCall reply = chain.web3j().ethCall(
                Transaction.createEthCallTransaction(null, address, FunctionEncoder.encode(f)), at).send();
        if (reply.hasError()) {
            throw new IOException(f.getName() + " on the registry " + address + ": " + reply.getError().getMessage());
        }
        List<Type> out = FunctionReturnDecoder.decode(reply.getValue(), f.getOutputParameters());
        if (out.size() != f.getOutputParameters().size()) {
            throw new IOException(f.getName() + " on the registry " + address + ": no contract answered ("
                    + reply.getValue() + ")");
        }
        return out;
    }

    private EthBlock.Block latestBlock() throws IOException {
        EthBlock.Block block = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock();
        if (block == null) {
            throw new IOException("the node returned no latest block");
        }
        return block;
    }

    /**
     * @param provider the provider's key: it pays the gas and owns the entry
     * @return a writer of that provider's entry
     */
    public Writer as(Credentials provider) {
        return new Writer(provider);
    }

    /** Writes one provider's entry. */
    public final class Writer {
        private final Credentials provider;

        private Writer(Credentials provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * {@code register(data, ttl)}: writes the entry's content and expiry.
         *
         * @param data       the encoded advertisement ({@link RegistryEntryCodec#encode})
         * @param ttlSeconds seconds until it expires without a renewal (the contract allows 60 s to 30 days)
         * @return the receipt (its {@code gasUsed} is what the write cost)
         * @throws ContractRevertException when the contract refuses ({@code bad data length}, {@code bad format},
         *                                 {@code bad ttl}) or the provider cannot pay the gas
         * @throws IOException             when the node fails
         */
        public TransactionReceipt register(byte[] data, long ttlSeconds) throws ContractRevertException, IOException {
            return chain.send(provider, address, ProviderRegistry.FUNC_REGISTER, BigInteger.ZERO,
                    new DynamicBytes(data), new Uint64(BigInteger.valueOf(ttlSeconds)));
        }

        /**
         * {@code renew(ttl)}: moves the expiry of the existing entry, keeping its content (one storage slot).
         *
         * @param ttlSeconds seconds until it expires without another renewal
         * @return the receipt
         * @throws ContractRevertException {@code no entry}, {@code bad ttl}
         * @throws IOException             when the node fails
         */
        public TransactionReceipt renew(long ttlSeconds) throws ContractRevertException, IOException {
            return chain.send(provider, address, ProviderRegistry.FUNC_RENEW, BigInteger.ZERO,
                    new Uint64(BigInteger.valueOf(ttlSeconds)));
        }

        /**
         * {@code remove()}: deletes the entry.
         *
         * @return the receipt
         * @throws ContractRevertException {@code no entry}
         * @throws IOException             when the node fails
         */
        public TransactionReceipt remove() throws ContractRevertException, IOException {
            return chain.send(provider, address, ProviderRegistry.FUNC_REMOVE, BigInteger.ZERO);
        }
    }

    /**
     * @param data an entry's bytes
     * @return keccak-256 of them, as {@link State#contentHash()} reports a stored entry's
     */
    public static byte[] contentHash(byte[] data) {
        return org.web3j.crypto.Hash.sha3(data);
    }

    /**
     * @param a a content hash
     * @param b another
     * @return whether they are equal
     */
    public static boolean sameContent(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
