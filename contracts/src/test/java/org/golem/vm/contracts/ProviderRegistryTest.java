package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.golem.vm.contracts.ProviderRegistryClient.Change;
import org.golem.vm.contracts.ProviderRegistryClient.Entry;
import org.golem.vm.contracts.ProviderRegistryClient.Snapshot;
import org.golem.vm.contracts.generated.ProviderRegistry;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.golem.vm.contracts.testing.RegistryAds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The ProviderRegistry contract and {@link ProviderRegistryClient} on a real anvil (docs/contracts.md §8): a
 * provider's writes (register, update, renew, remove), expiry in chain time and the reclaiming of expired entries,
 * what the contract refuses, and a requestor's listing (block-pinned pages, changes from the events) while entries
 * come and go. Each test starts from an empty registry (the extension reverts the chain after each test).
 */
@ExtendWith(AnvilExtension.class)
class ProviderRegistryTest {

    private static final long TTL = 3_600;
    private static final long MIN_TTL = 60;
    private static final long MAX_TTL = 30L * 24 * 3_600;

    private final Anvil anvil;
    private final ProviderRegistryClient registry;
    private final ProviderRegistry views;

    ProviderRegistryTest(Anvil anvil) {
        this.anvil = anvil;
        String address = anvil.deployment().providerRegistry().address();
        this.registry = new ProviderRegistryClient(anvil.chain(), address);
        this.views = ProviderRegistry.load(address, anvil.chain().web3j(),
                new ReadonlyTransactionManager(anvil.chain().web3j(), null), anvil.gas());
    }

    @Test
    void registeredEntryIsListedWithItsContent() throws Exception {
        Credentials a = anvil.newAccount();
        byte[] data = RegistryEntryCodec.encode(RegistryAds.typical(1));
        long before = anvil.chain().latestBlockNumber();

        TransactionReceipt receipt = registry.as(a).register(data, TTL);
        long writtenAt = blockTime(receipt);

        Snapshot snapshot = registry.snapshot();
        assertEquals(1, snapshot.entries().size());
        Entry e = snapshot.entries().get(0);
        assertEquals(Keys.toChecksumAddress(a.getAddress()), e.provider());
        assertArrayEquals(data, e.data());
        assertEquals(RegistryAds.typical(1), RegistryEntryCodec.decode(e.data()));
        assertEquals(writtenAt + TTL, e.expiresAt());
        assertEquals(writtenAt, e.updatedAt());
        assertArrayEquals(ProviderRegistryClient.contentHash(data), registry.stateOf(a.getAddress()).contentHash());
        assertArrayEquals(data, views.entryOf(a.getAddress()).send().component1());

        List<Change> changes = registry.changesSince(before).changes();
        assertEquals(1, changes.size());
        Change c = changes.get(0);
        assertEquals(Change.Kind.REGISTERED, c.kind());
        assertEquals(e.provider(), c.provider());
        assertArrayEquals(data, c.data());
        assertEquals(writtenAt + TTL, c.expiresAt());
        assertEquals(receipt.getBlockNumber().longValueExact(), c.blockNumber());
    }

    @Test
    void registeringAgainReplacesTheContent() throws Exception {
        Credentials a = anvil.newAccount();
        byte[] first = RegistryEntryCodec.encode(RegistryAds.typical(1));
        byte[] second = RegistryEntryCodec.encode(RegistryAds.typical(2));
        long before = anvil.chain().latestBlockNumber();
        registry.as(a).register(first, TTL);
        anvil.increaseTime(100);
        TransactionReceipt update = registry.as(a).register(second, 2 * TTL);

        Snapshot snapshot = registry.snapshot();
        assertEquals(1, snapshot.entries().size(), "still one entry");
        assertEquals(BigInteger.ONE, views.count().send());
        assertEquals(RegistryAds.typical(2), RegistryEntryCodec.decode(snapshot.entries().get(0).data()));
        assertEquals(blockTime(update) + 2 * TTL, snapshot.entries().get(0).expiresAt());
        assertArrayEquals(ProviderRegistryClient.contentHash(second), registry.stateOf(a.getAddress()).contentHash());

        List<Change> changes = registry.changesSince(before).changes();
        assertEquals(List.of(Change.Kind.REGISTERED, Change.Kind.REGISTERED), changes.stream().map(Change::kind).toList());
        assertArrayEquals(first, changes.get(0).data());
        assertArrayEquals(second, changes.get(1).data());
    }

    @Test
    void renewalMovesOnlyTheExpiryAndCostsFarLessThanAWrite() throws Exception {
        Credentials a = anvil.newAccount();
        byte[] data = RegistryEntryCodec.encode(RegistryAds.typical(3));
        TransactionReceipt registered = registry.as(a).register(data, TTL);
        ProviderRegistryClient.State state = registry.stateOf(a.getAddress());
        anvil.increaseTime(1_000);
        long before = anvil.chain().latestBlockNumber();

        TransactionReceipt renewed = registry.as(a).renew(2 * TTL);

        ProviderRegistryClient.State after = registry.stateOf(a.getAddress());
        assertArrayEquals(state.contentHash(), after.contentHash(), "content unchanged");
        assertEquals(blockTime(renewed) + 2 * TTL, after.expiresAt());
        assertTrue(after.expiresAt() > state.expiresAt());
        Entry e = registry.snapshot().entries().get(0);
        assertArrayEquals(data, e.data());
        assertEquals(blockTime(renewed), e.updatedAt());
        List<Change> changes = registry.changesSince(before).changes();
        assertEquals(1, changes.size());
        assertEquals(Change.Kind.RENEWED, changes.get(0).kind());
        assertEquals(after.expiresAt(), changes.get(0).expiresAt());
        assertEquals(null, changes.get(0).data());

        BigInteger registerGas = registered.getGasUsed();
        BigInteger renewGas = renewed.getGasUsed();
        assertTrue(renewGas.multiply(BigInteger.valueOf(4)).compareTo(registerGas) < 0,
                "renew " + renewGas + " gas against register " + registerGas);
    }

    @Test
    void expiredEntryIsInvisibleAtOnceAndReclaimedByOthersWrites() throws Exception {
        Credentials a = anvil.newAccount();
        Credentials b = anvil.newAccount();
        Credentials c = anvil.newAccount();
        byte[] dataA = RegistryEntryCodec.encode(RegistryAds.typical(1));
        registry.as(a).register(dataA, MIN_TTL);
        registry.as(b).register(RegistryEntryCodec.encode(RegistryAds.typical(2)), TTL);

        anvil.increaseTime(MIN_TTL);
        assertEquals(List.of(Keys.toChecksumAddress(b.getAddress())), providers(registry.snapshot()));
        Tuple3<byte[], BigInteger, BigInteger> gone = views.entryOf(a.getAddress()).send();
        assertEquals(0, gone.component1().length);
        assertEquals(BigInteger.ZERO, gone.component2());
        ProviderRegistryClient.State expired = registry.stateOf(a.getAddress());
        assertTrue(expired.exists(), "stateOf still shows the expired entry");
        assertArrayEquals(ProviderRegistryClient.contentHash(dataA), expired.contentHash());
        assertEquals(BigInteger.TWO, views.count().send());

        TransactionReceipt renewed = registry.as(a).renew(MIN_TTL);
        assertEquals(Set.of(Keys.toChecksumAddress(a.getAddress()), Keys.toChecksumAddress(b.getAddress())),
                Set.copyOf(providers(registry.snapshot())), "renewal brings it back");
        assertEquals(blockTime(renewed) + MIN_TTL, registry.stateOf(a.getAddress()).expiresAt());

        anvil.increaseTime(MIN_TTL);
        TransactionReceipt other = registry.as(c).register(RegistryEntryCodec.encode(RegistryAds.typical(3)), TTL);
        List<ProviderRegistry.ProviderRemovedEventResponse> removed = ProviderRegistry.getProviderRemovedEvents(other);
        assertEquals(1, removed.size());
        assertEquals(a.getAddress().toLowerCase(), removed.get(0).provider.toLowerCase());
        assertTrue(removed.get(0).expired);
        assertEquals(BigInteger.TWO, views.count().send(), "A reclaimed, C added");
        assertFalse(registry.stateOf(a.getAddress()).exists());
        assertThrows(ContractRevertException.class, () -> registry.as(a).renew(TTL), "nothing left to renew");
    }

    @Test
    void removeByAnotherProviderAlsoReclaimsExpiredEntries() throws Exception {
        Credentials a = anvil.newAccount();
        Credentials b = anvil.newAccount();
        Credentials c = anvil.newAccount();
        registry.as(a).register(RegistryEntryCodec.encode(RegistryAds.typical(1)), MIN_TTL);
        registry.as(b).register(RegistryEntryCodec.encode(RegistryAds.typical(2)), TTL);
        registry.as(c).register(RegistryEntryCodec.encode(RegistryAds.typical(3)), TTL);
        anvil.increaseTime(MIN_TTL);

        TransactionReceipt receipt = registry.as(c).remove();

        Map<String, Boolean> removed = new HashMap<>();
        for (var r : ProviderRegistry.getProviderRemovedEvents(receipt)) {
            removed.put(Keys.toChecksumAddress(r.provider), r.expired);
        }
        assertEquals(Map.of(Keys.toChecksumAddress(c.getAddress()), false,
                Keys.toChecksumAddress(a.getAddress()), true), removed);
        assertEquals(BigInteger.ONE, views.count().send());
        assertEquals(List.of(Keys.toChecksumAddress(b.getAddress())), providers(registry.snapshot()));
    }

    @Test
    void removedEntryIsGoneAndASecondRemoveIsRefused() throws Exception {
        Credentials a = anvil.newAccount();
        registry.as(a).register(RegistryEntryCodec.encode(RegistryAds.typical(1)), TTL);
        long before = anvil.chain().latestBlockNumber();

        TransactionReceipt receipt = registry.as(a).remove();

        assertTrue(registry.snapshot().entries().isEmpty());
        assertEquals(BigInteger.ZERO, views.count().send());
        assertFalse(registry.stateOf(a.getAddress()).exists());
        var events = ProviderRegistry.getProviderRemovedEvents(receipt);
        assertEquals(1, events.size());
        assertFalse(events.get(0).expired);
        List<Change> changes = registry.changesSince(before).changes();
        assertEquals(Change.Kind.REMOVED, changes.get(0).kind());
        assertEquals(Keys.toChecksumAddress(a.getAddress()), changes.get(0).provider());

        assertNoEntry(a);
    }

    @Test
    void aProviderCannotTouchAnothersEntry() throws Exception {
        byte[] dataA = RegistryEntryCodec.encode(RegistryAds.typical(1));
        Credentials a = registered(dataA, TTL);
        ProviderRegistryClient.State stateA = registry.stateOf(a.getAddress());
        Credentials b = anvil.newAccount();

        assertNoEntry(b);
        registry.as(b).register(RegistryEntryCodec.encode(RegistryAds.typical(2)), 2 * TTL);

        ProviderRegistryClient.State afterA = registry.stateOf(a.getAddress());
        assertArrayEquals(stateA.contentHash(), afterA.contentHash());
        assertEquals(stateA.expiresAt(), afterA.expiresAt());
        assertArrayEquals(dataA, views.entryOf(a.getAddress()).send().component1());
        Map<String, byte[]> listed = new HashMap<>();
        registry.snapshot().entries().forEach(e -> listed.put(e.provider(), e.data()));
        assertEquals(2, listed.size());
        assertArrayEquals(dataA, listed.get(Keys.toChecksumAddress(a.getAddress())));
    }

    @Test
    void malformedEntriesAreRefusedAndChangeNothing() throws Exception {
        byte[] good = RegistryEntryCodec.encode(RegistryAds.typical(1));
        Credentials a = registered(good, TTL);
        Credentials b = anvil.newAccount();
        ProviderRegistryClient.State before = registry.stateOf(a.getAddress());
        long block = anvil.chain().latestBlockNumber();

        byte[] tooLong = new byte[RegistryEntryCodec.MAX_BYTES + 1];
        tooLong[0] = 1;
        byte[] otherFormat = good.clone();
        otherFormat[0] = 2;
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("empty", new Object[] {new byte[0], TTL, "bad data length"});
        cases.put("1 byte", new Object[] {new byte[] {1}, TTL, "bad data length"});
        cases.put("4097 bytes", new Object[] {tooLong, TTL, "bad data length"});
        cases.put("format 2", new Object[] {otherFormat, TTL, "bad format"});
        cases.put("ttl 59", new Object[] {good, MIN_TTL - 1, "bad ttl"});
        cases.put("ttl 30 days + 1", new Object[] {good, MAX_TTL + 1, "bad ttl"});
        for (var c : cases.entrySet()) {
            byte[] data = (byte[]) c.getValue()[0];
            long ttl = (long) c.getValue()[1];
            for (Credentials who : List.of(a, b)) {
                ContractRevertException e = assertThrows(ContractRevertException.class,
                        () -> registry.as(who).register(data, ttl), c.getKey());
                assertEquals(c.getValue()[2], e.reason(), c.getKey());
            }
        }
        assertEquals("bad ttl", assertThrows(ContractRevertException.class,
                () -> registry.as(a).renew(MIN_TTL - 1)).reason());
        assertEquals("bad ttl", assertThrows(ContractRevertException.class,
                () -> registry.as(a).renew(MAX_TTL + 1)).reason());

        assertEquals(block, anvil.chain().latestBlockNumber(), "refused before sending: nothing mined");
        ProviderRegistryClient.State after = registry.stateOf(a.getAddress());
        assertArrayEquals(before.contentHash(), after.contentHash());
        assertEquals(before.expiresAt(), after.expiresAt());
        assertFalse(registry.stateOf(b.getAddress()).exists());
        assertEquals(BigInteger.ONE, views.count().send());

        // the limits themselves are accepted
        byte[] largest = new byte[RegistryEntryCodec.MAX_BYTES];
        largest[0] = 1;
        registry.as(b).register(largest, MAX_TTL);
        registry.as(b).register(new byte[] {1, 0}, MIN_TTL);
        assertArrayEquals(ProviderRegistryClient.contentHash(new byte[] {1, 0}),
                registry.stateOf(b.getAddress()).contentHash());
    }

    /**
     * 250 entries (three pages): a listing pinned to one block stays that block's directory while entries are
     * removed, reclaimed and written between its page calls; the events after that block bring it up to date.
     */
    @Test
    void listingStaysConsistentWhileEntriesComeAndGo() throws Exception {
        int n = 250;
        List<Credentials> accounts = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(anvil.newAccount());
            // every tenth entry lives only a minute: it expires before the changes below and gets reclaimed
            calls.add(registerCall(RegistryEntryCodec.encode(RegistryAds.typical(i)), i % 10 == 0 ? MIN_TTL : TTL));
        }
        sendAll(accounts, calls);
        Snapshot s0 = registry.snapshot();
        assertEquals(n, s0.entries().size());
        assertEquals(n, Set.copyOf(providers(s0)).size(), "each provider once");
        long n0 = s0.blockNumber();

        // a reader starts paging at block n0 ...
        ProviderRegistry pinned = ProviderRegistry.load(registry.address(), anvil.chain().web3j(),
                new ReadonlyTransactionManager(anvil.chain().web3j(), null), anvil.gas());
        pinned.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(n0)));
        long count0 = pinned.count().send().longValueExact();
        List<String> pinnedIds = new ArrayList<>(pageIds(pinned, 0));
        List<String> unpinnedIds = new ArrayList<>(pageIds(views, 0));

        // ... meanwhile: the first 30 providers (page 0) remove their entries, moving entries of page 2 into
        // page 0; the short-lived entries expire and new providers' registrations reclaim them; some update, renew
        anvil.increaseTime(MIN_TTL);
        List<Credentials> senders = new ArrayList<>();
        calls.clear();
        for (int i = 1; i <= 30; i++) {
            if (i % 10 != 0) {
                senders.add(accounts.get(i));
                calls.add(FunctionEncoder.encode(new Function(ProviderRegistry.FUNC_REMOVE, List.of(), List.of())));
            }
        }
        List<Credentials> newcomers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Credentials p = anvil.newAccount();
            newcomers.add(p);
            senders.add(p);
            calls.add(registerCall(RegistryEntryCodec.encode(RegistryAds.typical(1_000 + i)), TTL));
        }
        sendAll(senders, calls);
        registry.as(accounts.get(101)).register(RegistryEntryCodec.encode(RegistryAds.typical(5_000)), TTL);
        registry.as(accounts.get(202)).renew(2 * TTL);
        long count1 = views.count().send().longValueExact();
        assertTrue(count1 < n, "removals and reclaims shrank the list: " + count1);

        // ... and reads its other pages, still at n0
        for (long cursor = 100; cursor < count0; cursor += 100) {
            pinnedIds.addAll(pageIds(pinned, cursor));
        }
        for (long cursor = 100; cursor < count1; cursor += 100) {
            unpinnedIds.addAll(pageIds(views, cursor));
        }
        assertEquals(providers(s0), pinnedIds, "pinned pages: block n0's directory, each provider once");
        assertNotEquals(Set.copyOf(pinnedIds), Set.copyOf(unpinnedIds),
                "(the changes did move entries across pages: unpinned pages would be inconsistent)");

        // the snapshot plus the changes after it is the directory now
        Snapshot s1 = registry.snapshot();
        Map<String, String> applied = apply(s0, registry.changesSince(n0).changes(), s1.blockTimestamp());
        assertEquals(asMap(s1), applied);
        assertEquals(s1.entries().size(), Set.copyOf(providers(s1)).size(), "each provider once");
        assertEquals(n - 27 - 25 + 15, s1.entries().size(), "27 removed, 25 expired, 15 new");
        for (Credentials p : newcomers) {
            assertTrue(applied.containsKey(Keys.toChecksumAddress(p.getAddress())));
        }
    }

    /** @return a new provider whose entry holds {@code data} for {@code ttl} seconds */
    private Credentials registered(byte[] data, long ttl) throws Exception {
        Credentials p = anvil.newAccount();
        registry.as(p).register(data, ttl);
        return p;
    }

    /** {@code remove} and {@code renew} of a provider without an entry are refused with "no entry". */
    private void assertNoEntry(Credentials p) {
        assertEquals("no entry", assertThrows(ContractRevertException.class, () -> registry.as(p).remove()).reason());
        assertEquals("no entry", assertThrows(ContractRevertException.class, () -> registry.as(p).renew(TTL)).reason());
    }

    @SuppressWarnings("rawtypes")
    private static String registerCall(byte[] data, long ttl) {
        return FunctionEncoder.encode(new Function(ProviderRegistry.FUNC_REGISTER,
                List.<org.web3j.abi.datatypes.Type>of(new DynamicBytes(data), new Uint64(BigInteger.valueOf(ttl))),
                List.of()));
    }

    /**
     * Sends one transaction from each account to the registry without waiting in between, then waits
     * for all receipts and checks they succeeded: the setup of many entries in seconds rather than one receipt poll
     * per write.
     */
    private void sendAll(List<Credentials> from, List<String> calls) throws Exception {
        var web3j = anvil.chain().web3j();
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            BigInteger nonce = web3j.ethGetTransactionCount(from.get(i).getAddress(),
                    org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
            RawTransaction tx = RawTransaction.createTransaction(nonce, gasPrice,
                    BigInteger.valueOf(3_000_000), registry.address(), calls.get(i));
            byte[] signed = TransactionEncoder.signMessage(tx, anvil.chain().chainId(), from.get(i));
            EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
            assertFalse(sent.hasError(), () -> sent.getError().getMessage());
            hashes.add(sent.getTransactionHash());
        }
        for (String hash : hashes) {
            TransactionReceipt receipt = null;
            for (int attempt = 0; receipt == null && attempt < 500; attempt++) {
                receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElse(null);
                if (receipt == null) {
                    Thread.sleep(10);
                }
            }
            assertTrue(receipt != null && receipt.isStatusOK(), "transaction " + hash);
        }
    }

    private static List<String> pageIds(ProviderRegistry at, long cursor) throws Exception {
        Tuple5<List<String>, List<byte[]>, List<BigInteger>, List<BigInteger>, BigInteger> page =
                at.page(BigInteger.valueOf(cursor), BigInteger.valueOf(ProviderRegistryClient.PAGE)).send();
        return page.component1().stream().map(Keys::toChecksumAddress).toList();
    }

    /** A requestor's incremental refresh: the snapshot's entries, the events applied, then what expired dropped. */
    private static Map<String, String> apply(Snapshot snapshot, List<Change> changes, long now) {
        Map<String, Entry> entries = new HashMap<>();
        snapshot.entries().forEach(e -> entries.put(e.provider(), e));
        for (Change c : changes) {
            switch (c.kind()) {
                case REGISTERED -> entries.put(c.provider(),
                        new Entry(c.provider(), c.data(), c.expiresAt(), c.updatedAt()));
                case RENEWED -> {
                    Entry old = entries.get(c.provider());
                    if (old != null) {
                        entries.put(c.provider(), new Entry(c.provider(), old.data(), c.expiresAt(), c.updatedAt()));
                    }
                }
                case REMOVED -> entries.remove(c.provider());
            }
        }
        entries.values().removeIf(e -> e.expiresAt() <= now);
        return asMap(new Snapshot(0, now, List.copyOf(entries.values())));
    }

    private static Map<String, String> asMap(Snapshot s) {
        Map<String, String> m = new HashMap<>();
        for (Entry e : s.entries()) {
            m.put(e.provider(), Numeric.toHexString(e.data()) + "/" + e.expiresAt() + "/" + e.updatedAt());
        }
        return m;
    }

    private static List<String> providers(Snapshot s) {
        return s.entries().stream().map(Entry::provider).toList();
    }

    private long blockTime(TransactionReceipt receipt) throws Exception {
        return anvil.chain().web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()),
                false).send().getBlock().getTimestamp().longValueExact();
    }
}
