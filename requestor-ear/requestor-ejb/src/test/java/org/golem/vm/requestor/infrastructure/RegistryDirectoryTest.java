package org.golem.vm.requestor.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.golem.vm.requestor.application.port.ProviderQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The requestor's cache of the ProviderRegistry on a real anvil chain: the cold listing, the incremental path after
 * register / renew / remove, expiry in chain time, malformed entries skipped, discovery's filters.
 */
@ExtendWith(AnvilExtension.class)
class RegistryDirectoryTest {
    private static final long TTL = 3600;

    private final Anvil anvil;
    private final ProviderRegistryClient registry;
    private final RegistryDirectory directory = new RegistryDirectory();
    @TempDir
    Path dir;

    RegistryDirectoryTest(Anvil anvil) {
        this.anvil = anvil;
        this.registry = new ProviderRegistryClient(anvil.chain(), anvil.deployment().providerRegistry().address());
    }

    @BeforeEach
    void wire() {
        directory.gateway = new StreamPaymentGateway(() -> new StreamPaymentGateway.Settings(dir.resolve("key"),
                "test key", anvil.rpcUrl(), dir, "local", anvil.streamPaymentAddress(), anvil.tokenAddress(),
                "unconfigured", registry.address()));
    }

    private static AdvertisementRequest ad(String name, String country, String platform, int cpu, int memory,
                                           int storage, String paymentsNetwork) {
        return new AdvertisementRequest("203.0.113.9", country, platform, new Resources(cpu, memory, storage), null,
                name, 7466, null, paymentsNetwork, null, null);
    }

    private Credentials register(AdvertisementRequest ad, long ttl) throws Exception {
        Credentials who = anvil.newAccount();
        registry.as(who).register(RegistryEntryCodec.encode(ad), ttl);
        return who;
    }

    /** @return provider name → provider id of what the directory lists for {@code q} */
    private Map<String, String> listed(ProviderQuery q) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Advertisement a : directory.search(q)) {
            out.put(a.providerName(), a.providerId());
        }
        return out;
    }

    @Test
    void theColdListingIsTheRegistryAndLaterSearchesFollowItsEvents() throws Exception {
        Credentials a = register(ad("alpha", "se", "x86_64", 4, 8, 100, "local"), TTL);
        Credentials b = register(ad("beta", "DE", "x86_64", 2, 4, 50, "local"), TTL);
        Map<String, String> cold = listed(ProviderQuery.ANY);
        assertEquals(List.of("alpha", "beta"), List.copyOf(cold.keySet()));
        assertTrue(cold.get("alpha").equalsIgnoreCase(a.getAddress()));
        Advertisement alpha = directory.search(ProviderQuery.ANY).stream()
                .filter(x -> x.providerName().equals("alpha")).findFirst().orElseThrow();
        assertEquals("SE", alpha.country());
        assertEquals(alpha.updatedAt(), WireTime.format(WireTime.parse(alpha.updatedAt())));
        assertEquals(1, directory.snapshots.get());

        registry.as(a).register(RegistryEntryCodec.encode(ad("alpha2", "SE", "x86_64", 4, 8, 100, "local")), TTL);
        registry.as(b).remove();
        Credentials c = register(ad("gamma", "PL", "arm64", 8, 16, 200, "local"), TTL);
        assertEquals(Map.of("alpha2", cold.get("alpha"), "gamma", EthereumChecksum.of(c.getAddress())),
                listed(ProviderQuery.ANY));

        String before = directory.search(ProviderQuery.ANY).stream().filter(x -> x.providerName().equals("gamma"))
                .findFirst().orElseThrow().updatedAt();
        anvil.increaseTime(100);
        registry.as(c).renew(TTL);
        String after = directory.search(ProviderQuery.ANY).stream().filter(x -> x.providerName().equals("gamma"))
                .findFirst().orElseThrow().updatedAt();
        assertTrue(WireTime.parse(after).isAfter(WireTime.parse(before)), before + " then " + after);
        assertEquals(1, directory.snapshots.get(), "the later searches read events, not a new snapshot");
    }

    @Test
    void expiredEntriesVanishInChainTimeAndARenewedOneStays() throws Exception {
        register(ad("short", "SE", "x86_64", 1, 1, 10, "local"), 600);
        Credentials renewed = register(ad("renewed", "SE", "x86_64", 1, 1, 10, "local"), 600);
        register(ad("long", "SE", "x86_64", 1, 1, 10, "local"), TTL);
        assertEquals(3, listed(ProviderQuery.ANY).size());
        registry.as(renewed).renew(TTL);
        anvil.increaseTime(601);
        anvil.mine();
        assertEquals(List.of("long", "renewed"), List.copyOf(listed(ProviderQuery.ANY).keySet()));
        assertEquals(1, directory.snapshots.get());
    }

    @Test
    void malformedEntriesAreSkippedAndTheRestListed() throws Exception {
        Credentials garbage = anvil.newAccount();
        registry.as(garbage).register(new byte[] {1, (byte) 0xff, (byte) 0xfe, 0x13, 0x37}, TTL);
        register(ad("bad-country", "Sweden", "x86_64", 1, 1, 10, "local"), TTL);
        register(ad("fine", "SE", "x86_64", 1, 1, 10, "local"), TTL);
        assertEquals(List.of("fine"), List.copyOf(listed(ProviderQuery.ANY).keySet()));
        assertEquals(2, directory.malformed.get());
        // the next malformed write comes through the incremental path and is skipped as well
        registry.as(garbage).register(new byte[] {1, 0x00, 0x01}, TTL);
        register(ad("fine2", "SE", "x86_64", 1, 1, 10, "local"), TTL);
        assertEquals(List.of("fine", "fine2"), List.copyOf(listed(ProviderQuery.ANY).keySet()));
        assertEquals(3, directory.malformed.get());
        listed(ProviderQuery.ANY);
        assertEquals(3, directory.malformed.get(), "each malformed entry is reported once");
    }

    @Test
    void filtersAreDiscoverys() throws Exception {
        register(ad("se-big", "SE", "x86_64", 8, 16, 200, "local"), TTL);
        register(ad("de-small", "DE", "x86_64", 1, 2, 20, "local"), TTL);
        register(ad("pl-arm", "PL", "arm64", 4, 8, 100, "holesky"), TTL);
        assertEquals(List.of("pl-arm", "se-big"), List.copyOf(listed(
                new ProviderQuery(4, 8, 100, null, null, null, null)).keySet()));
        assertEquals(List.of("se-big"), List.copyOf(listed(
                new ProviderQuery(null, null, null, "se", null, null, null)).keySet()));
        assertEquals(List.of("pl-arm"), List.copyOf(listed(
                new ProviderQuery(null, null, null, null, "arm64", null, null)).keySet()));
        assertEquals(List.of(), List.copyOf(listed(
                new ProviderQuery(null, null, null, null, "ARM64", null, null)).keySet()));
        assertEquals(List.of("de-small", "se-big"), List.copyOf(listed(
                new ProviderQuery(null, null, null, null, null, "local", null)).keySet()));
        assertEquals(List.of(), List.copyOf(listed(
                new ProviderQuery(null, null, null, null, null, null, "mainnet")).keySet()));
    }

    /** EIP-55 form of an address, as listings carry provider ids. */
    private static final class EthereumChecksum {
        static String of(String address) {
            return org.golem.vm.common.wire.EthereumAddresses.checksum(address);
        }
    }
}
