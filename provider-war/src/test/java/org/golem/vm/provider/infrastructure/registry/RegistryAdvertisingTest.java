package org.golem.vm.provider.infrastructure.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.golem.vm.provider.application.port.Advertising;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's on-chain advertising against a real anvil with the ProviderRegistry deployed: what it writes, when
 * it pays gas and when it does not, and what the operator reads when the wallet is empty.
 */
@ExtendWith(AnvilExtension.class)
class RegistryAdvertisingTest {
    private static final long TTL = 3600;
    private static final BigInteger HUNDRED_ETH = BigInteger.TEN.pow(20);

    private final Anvil anvil;
    @TempDir
    Path dir;
    private StreamPaymentGateway gateway;
    private RegistryAdvertising registry;

    RegistryAdvertisingTest(Anvil anvil) {
        this.anvil = anvil;
    }

    @BeforeEach
    void provider() {
        gateway = new StreamPaymentGateway(() -> new StreamPaymentGateway.Settings(dir.resolve("provider.key"),
                "provider key", anvil.rpcUrl(), dir.resolve("deployments"), "local", anvil.streamPaymentAddress(),
                null, "no StreamPayment contract", anvil.deployment().providerRegistry().address()));
        registry = new RegistryAdvertising(gateway, TTL);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private static AdvertisementRequest ad(int cores) {
        AdvertisedPricing pricing = new AdvertisedPricing(new BigDecimal("5.0"), new BigDecimal("2.0"),
                new BigDecimal("0.1"), new BigDecimal("20.00000000"), new BigDecimal("8.00000000"),
                new BigDecimal("0.40000000"), new BigDecimal("0.25"), 18,
                new BigInteger("20000000000000000000"), new BigInteger("8000000000000000000"),
                new BigInteger("400000000000000000"));
        return new AdvertisementRequest("203.0.113.7", "SE", "x86_64", new Resources(cores, 8, 100), pricing,
                "chain-provider", 7466, "development", "local", StreamPaymentGateway.ZERO, StreamPaymentGateway.ZERO);
    }

    private ProviderRegistryClient client() {
        return new ProviderRegistryClient(anvil.chain(), anvil.deployment().providerRegistry().address());
    }

    private AdvertisementRequest stored() throws IOException {
        var entries = client().snapshot().entries().stream()
                .filter(e -> e.provider().equalsIgnoreCase(gateway.address())).toList();
        assertEquals(1, entries.size(), "one live entry for the provider");
        return RegistryEntryCodec.decode(entries.get(0).data());
    }

    @Test
    void writesOnlyWhatChangedAndRenewsNearExpiryForLessGas() throws Exception {
        assertTrue(gateway.devFaucet(HUNDRED_ETH));
        assertTrue(registry.configured());
        assertEquals(Advertising.CHAIN, registry.name());

        registry.publish(ad(4));
        assertEquals("register", registry.lastAction().orElseThrow());
        Advertising.Cost registered = registry.lastCost().orElseThrow();
        assertEquals(RegistryEntryCodec.decode(RegistryEntryCodec.encode(ad(4))), stored(),
                "the entry decodes to the advertisement");
        long expiry = gateway.registryState().expiresAt();
        assertEquals(anvil.now() + TTL, expiry, 2, "expires a TTL after its block");

        BigInteger balance = gateway.balance();
        registry.publish(ad(4));
        assertEquals("unchanged", registry.lastAction().orElseThrow());
        assertEquals(balance, gateway.balance(), "same content, far from expiry: no transaction, no gas");
        assertEquals(registered, registry.lastCost().orElseThrow());

        registry.publish(ad(2));
        assertEquals("register", registry.lastAction().orElseThrow(), "changed capacity: rewritten");
        assertNotEquals(registered.txHash(), registry.lastCost().orElseThrow().txHash());
        assertEquals(2, stored().resources().cpu());

        anvil.increaseTime(TTL / 2 + 60);
        anvil.mine();
        registry.publish(ad(2));
        assertEquals("renew", registry.lastAction().orElseThrow(), "same content, under half the TTL left: renewed");
        Advertising.Cost renewed = registry.lastCost().orElseThrow();
        assertTrue(renewed.gasUsed() * 2 < registered.gasUsed(),
                "a renewal costs far less gas: " + renewed.gasUsed() + " vs " + registered.gasUsed());
        assertTrue(gateway.registryState().expiresAt() > expiry, "the expiry moved");
        assertEquals(2, stored().resources().cpu(), "content kept");

        assertTrue(registry.withdraw(gateway.address()), "full: removed");
        assertEquals("remove", registry.lastAction().orElseThrow());
        assertFalse(gateway.registryState().exists());
        assertTrue(client().snapshot().entries().stream()
                .noneMatch(e -> e.provider().equalsIgnoreCase(gateway.address())));
        BigInteger afterRemove = gateway.balance();
        assertFalse(registry.withdraw(gateway.address()), "nothing left to remove");
        assertEquals(afterRemove, gateway.balance(), "no transaction for a missing entry");
    }

    @Test
    void anEmptyWalletGetsAClearMessageAndNothingIsWritten() throws Exception {
        assertEquals(BigInteger.ZERO, gateway.balance());
        IOException e = assertThrows(IOException.class, () -> registry.publish(ad(4)));
        assertTrue(e.getMessage().startsWith("cannot pay gas for the registry entry: wallet " + gateway.address()
                + " has 0 ETH; fund it (on the development chain: golem-provider wallet faucet)"), e.getMessage());
        assertFalse(gateway.registryState().exists(), "nothing written");
        assertTrue(registry.lastCost().isEmpty());
    }
}
