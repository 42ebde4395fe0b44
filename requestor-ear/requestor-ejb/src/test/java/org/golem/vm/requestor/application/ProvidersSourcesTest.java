package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/providers?discovery=}: the sources asked (chain, central, all = the configured ones), the merge
 * by provider id (newer {@code updated_at} wins) and the refusals.
 */
class ProvidersSourcesTest {
    private static final String A = "0x00000000000000000000000000000000000000aA";
    private static final String B = "0x00000000000000000000000000000000000000bb";
    private static final String C = "0x00000000000000000000000000000000000000cc";

    private static Advertisement ad(String id, String name, String updatedAt) {
        return new Advertisement(id, name, "203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100), null, updatedAt,
                updatedAt, 7466, null, "local", null, null);
    }

    private final TestSettings settings = new TestSettings();
    private final FakeDirectory central = new FakeDirectory(ProviderListing.CENTRAL,
            ad(A, "a-central-old", "2026-01-01T00:00:00.000000Z"), ad(B, "b-central-new", "2026-01-03T00:00:00.000000Z"));
    private final FakeDirectory chain = new FakeDirectory(ProviderListing.CHAIN,
            ad(A.toLowerCase(), "a-chain-new", "2026-01-02T00:00:00.000000Z"),
            ad(B.toUpperCase().replace("0X", "0x"), "b-chain-old", "2026-01-02T00:00:00.000000Z"),
            ad(C, "c-chain", "2026-01-01T00:00:00.000000Z"));
    private final Providers providers = new Providers();

    ProvidersSourcesTest() {
        providers.settings = settings;
        providers.directories = List.of(chain, central);
    }

    private List<String> listed(String discovery) {
        return providers.list(null, null, null, null, null, null, false, null, discovery).stream()
                .map(l -> l.advertisement().providerName() + "@" + l.source()).toList();
    }

    @Test
    void allMergesByProviderIdAndTheNewerEntryWins() {
        List<String> all = List.of("a-chain-new@chain", "b-central-new@central", "c-chain@chain");
        assertEquals(all, listed(null));
        assertEquals(all, listed("all"));
        assertEquals(all, listed("ALL"));
    }

    @Test
    void oneSourceListsOnlyItsOwn() {
        assertEquals(List.of("a-chain-new@chain", "b-chain-old@chain", "c-chain@chain"), listed("chain"));
        assertEquals(List.of("a-central-old@central", "b-central-new@central"), listed("central"));
    }

    @Test
    void theSettingNarrowsWhatAllAsks() {
        settings.values.put("discovery", "chain");
        assertEquals(List.of("a-chain-new@chain", "b-chain-old@chain", "c-chain@chain"), listed(null));
        assertEquals(0, central.searches);
        settings.values.put("discovery", " central , chain ");
        assertEquals(3, listed("all").size());
    }

    @Test
    void allWithoutTheSettingAsksEveryConfiguredSource() {
        chain.configured = false;
        assertEquals(List.of("a-central-old@central", "b-central-new@central"), listed(null));
        assertEquals(0, chain.searches);
    }

    @Test
    void anUnknownValueIsAValidationError() {
        DomainException e = assertThrows(DomainException.class, () -> listed("ipfs"));
        assertEquals("VALIDATION_ERROR", e.code());
        assertEquals("discovery: must be chain, central or all", e.getMessage());
    }

    @Test
    void anUnconfiguredSourceAskedForIsRefused() {
        chain.configured = false;
        DomainException e = assertThrows(DomainException.class, () -> listed("chain"));
        assertEquals("DISCOVERY_NOT_CONFIGURED", e.code());
        assertEquals(Refusal.UNPROCESSABLE, e.refusal());
        assertTrue(e.getMessage().contains("GOLEM_REQUESTOR_REGISTRY_ADDRESS"), e.getMessage());
        settings.values.put("discovery", "chain");
        assertEquals("DISCOVERY_NOT_CONFIGURED",
                assertThrows(DomainException.class, () -> listed(null)).code());
    }

    @Test
    void oneFailingSourceOfAllLeavesTheOther() {
        central.failure = "discovery service at http://127.0.0.1:9001/ cannot be reached (connection refused)";
        assertEquals(List.of("a-chain-new@chain", "b-chain-old@chain", "c-chain@chain"), listed(null));
    }

    @Test
    void everyAskedSourceFailingIsUnreachableNamingEach() {
        central.failure = "discovery down";
        chain.failure = "node down";
        DomainException e = assertThrows(DomainException.class, () -> listed(null));
        assertEquals("DISCOVERY_UNREACHABLE", e.code());
        assertEquals(Refusal.UNAVAILABLE, e.refusal());
        assertTrue(e.getMessage().contains("central: discovery down") && e.getMessage().contains("chain: node down"),
                e.getMessage());
        assertEquals("DISCOVERY_UNREACHABLE", assertThrows(DomainException.class, () -> listed("chain")).code());
    }

    @Test
    void findSearchesTheConfiguredSourcesAndNamesThemWhenMissing() {
        settings.values.put("discovery", "chain");
        central.failure = "stopped";
        assertEquals("c-chain", providers.find(C.toUpperCase().replace("0X", "0x")).providerName());
        assertEquals(0, central.searches);
        DomainException e = assertThrows(DomainException.class,
                () -> providers.find("0x00000000000000000000000000000000000000dd"));
        assertEquals("PROVIDER_NOT_FOUND", e.code());
        assertTrue(e.getMessage().contains("ProviderRegistry") && !e.getMessage().contains("discovery service"),
                e.getMessage());
    }
}
