package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/providers?egress=...}: the requestor keeps the providers advertising that egress policy. */
class ProvidersEgressTest {

    private static Advertisement ad(String id, EgressPolicy egress) {
        return new Advertisement(id, id, "203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100), null, null, null,
                7466, null, "local", null, null).withOffer(null, null, egress);
    }

    private final Providers providers = new Providers();

    ProvidersEgressTest() {
        providers.settings = new TestSettings();
        providers.directories = List.of(new FakeDirectory(ProviderListing.CENTRAL,
                ad("open", new EgressPolicy("open", null)),
                ad("none", new EgressPolicy("none", null)),
                ad("listed", new EgressPolicy("allow-list", List.of("deb.debian.org:80"))),
                ad("silent", null)));
    }

    private List<String> ids(String egress) {
        return providers.list(null, null, null, null, null, null, false, egress, null).stream()
                .map(ProviderListing::advertisement).map(Advertisement::providerId).toList();
    }

    @Test
    void keepsTheProvidersOfOnePolicy() {
        assertEquals(List.of("open", "none", "listed", "silent"), ids(null));
        assertEquals(List.of("open"), ids("open"));
        assertEquals(List.of("none"), ids("none"));
        assertEquals(List.of("listed"), ids("allow-list"));
    }

    @Test
    void anUnknownPolicyIsRefused() {
        DomainException e = assertThrows(DomainException.class, () -> ids("closed"));
        assertEquals("VALIDATION_ERROR", e.code());
        assertEquals("egress: must be open, none or allow-list", e.getMessage());
    }
}
