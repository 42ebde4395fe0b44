package org.golem.vm.discovery.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.testing.MutableClock;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.discovery.config.DiscoverySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publish / read / withdraw / purge use cases against the repository in memory and a clock the test moves. */
class AdvertisementServiceTest {

    private static final long START = 1_700_000_000L;
    private static final String PROVIDER = "0x9D12f0AF464A6b5EFd4bbb8679cC205012326019";
    private static final AdvertisementRequest REQUEST = AdvertisementRequest.of("203.0.113.7", "se", "x86_64",
            new Resources(2, 4, 40), null, "golem-provider");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryAdvertisementRepository repository = new InMemoryAdvertisementRepository();
    private final AdvertisementService service = new AdvertisementService();

    @BeforeEach
    void wire() {
        service.repository = repository;
        service.clock = clock;
        service.settings = new DiscoverySettings() {
            @Override
            public long expirySeconds() {
                return 300;
            }
        };
    }

    private static void assertNotFound(Runnable call) {
        DomainException e = assertThrows(DomainException.class, call::run);
        assertEquals(Refusal.NOT_FOUND, e.refusal());
        assertEquals("ADV_004", e.code());
        assertEquals("Advertisement not found", e.getMessage());
    }

    @Test
    void publishStoresAtTheClocksTimeAndReadsItBack() {
        Advertisement stored = service.publish(PROVIDER, REQUEST);
        String now = WireTime.format(Instant.ofEpochSecond(START));
        assertEquals(now, stored.createdAt());
        assertEquals(now, stored.updatedAt());
        assertEquals("SE", stored.country());
        assertEquals(AdvertisementRequest.DEFAULT_API_PORT, stored.apiPort());
        assertEquals(stored, service.get(PROVIDER));
    }

    @Test
    void theEgressPolicyIsStoredAndABadOneRefused() {
        EgressPolicy allow = new EgressPolicy("allow-list", List.of("deb.debian.org:80", "192.0.2.0/24:443"));
        assertEquals(allow, service.publish(PROVIDER, REQUEST.withOffer(null, null, allow)).egress());
        assertEquals(allow, service.get(PROVIDER).egress());
        EgressPolicy none = new EgressPolicy("none", null);
        service.publish(PROVIDER, REQUEST.withOffer(null, null, none));
        assertEquals(none, service.get(PROVIDER).egress());
        service.publish(PROVIDER, REQUEST);
        assertNull(service.get(PROVIDER).egress(), "not advertised");

        for (EgressPolicy bad : List.of(new EgressPolicy("closed", null),
                new EgressPolicy("none", List.of("192.0.2.1")),
                new EgressPolicy("allow-list", List.of("a,b")))) {
            DomainException e = assertThrows(DomainException.class,
                    () -> service.publish(PROVIDER, REQUEST.withOffer(null, null, bad)));
            assertEquals("VALIDATION_ERROR", e.code());
            assertTrue(e.getMessage().contains("egress."), e.getMessage());
        }
        assertNull(service.get(PROVIDER).egress(), "nothing stored by a refused publish");
    }

    @Test
    void anAdvertisementExpiresAfterTheExpiryUnlessRefreshed() {
        service.publish(PROVIDER, REQUEST);
        clock.advance(200);
        Advertisement refreshed = service.publish(PROVIDER, REQUEST);
        assertEquals(WireTime.format(Instant.ofEpochSecond(START)), refreshed.createdAt(), "created once");
        assertEquals(WireTime.format(Instant.ofEpochSecond(START + 200)), refreshed.updatedAt());
        clock.advance(300);
        assertEquals(refreshed, service.get(PROVIDER), "300 s after the refresh it is still live");
        clock.advanceMillis(1);
        assertNotFound(() -> service.get(PROVIDER));
        assertNotFound(() -> service.withdraw(PROVIDER));
    }

    @Test
    void withdrawDeletesAndASecondWithdrawIsNotFound() {
        service.publish(PROVIDER, REQUEST);
        service.withdraw(PROVIDER);
        assertNotFound(() -> service.get(PROVIDER));
        assertNotFound(() -> service.withdraw(PROVIDER));
        assertEquals(1, repository.tombstones.size());
    }

    @Test
    void anInvalidRequestIsUnprocessableAndStoresNothing() {
        AdvertisementRequest bad = AdvertisementRequest.of("not-an-ip", "se", "x86_64", new Resources(0, 4, 40),
                null, null);
        DomainException e = assertThrows(DomainException.class, () -> service.publish(PROVIDER, bad));
        assertEquals(Refusal.UNPROCESSABLE, e.refusal());
        assertEquals("VALIDATION_ERROR", e.code());
        assertTrue(e.getMessage().contains("ip_address") && e.getMessage().contains("resources.cpu"),
                e.getMessage());
        assertTrue(repository.rows.isEmpty());
    }

    @Test
    void purgeDeletesOnlyExpiredAdvertisementsAndDayOldTombstones() {
        String other = "0x3cBce715E17d695A8B08aB2C0f065B3Af392D109";
        service.publish(PROVIDER, REQUEST);
        service.publish(other, REQUEST);
        service.withdraw(other);
        clock.advance(250);
        String fresh = "0xc0E11A55b69b145fb7953182FB9DC7643eb513a2";
        service.publish(fresh, REQUEST);
        clock.advance(51);
        assertEquals(1, service.purgeExpired(), "only the first one is past 300 s");
        assertEquals(1, repository.tombstones.size(), "the tombstone is kept for a day");
        clock.advance(24 * 3600);
        assertEquals(1, service.purgeExpired());
        assertTrue(repository.tombstones.isEmpty());
        assertTrue(repository.rows.isEmpty());
    }
}
