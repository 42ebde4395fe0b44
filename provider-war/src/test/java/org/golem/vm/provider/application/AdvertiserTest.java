package org.golem.vm.provider.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.golem.vm.common.wire.admin.ProviderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advertiser with two in-memory destinations ({@code central} and {@code chain}): both get the same
 * advertisement, one failing does not stop the other, a full provider is withdrawn from both, the
 * {@code golem.provider.advertise} list selects, and the operator's status shows each destination.
 */
class AdvertiserTest {
    @TempDir
    Path dataDir;

    private TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed(dataDir);
        bed.onChain.gasPerWrite = 120_000L;
    }

    private List<String> names() {
        return bed.advertiser.destinations().stream().map(Advertiser.Destination::name).toList();
    }

    @Test
    void bothDestinationsGetTheSameAdvertisement() throws IOException {
        bed.advertiser.advertise();

        assertEquals(1, bed.central.published.size());
        assertEquals(bed.central.published, bed.onChain.published, "the same advertisement everywhere");
        assertEquals(bed.vms.free(), bed.onChain.published.get(0).resources(), "the free capacity");
        assertEquals(List.of("central", "chain"), names());
        for (Advertiser.Destination d : bed.advertiser.destinations()) {
            assertEquals(bed.clock.millis(), d.lastPublishedAt(), d.name());
            assertNull(d.lastSkip(), d.name());
        }
        assertTrue(bed.advertiser.lastSkip().isEmpty());

        ProviderStatus.Advertiser status = bed.overview.status().advertiser();
        assertEquals(2, status.destinations().size());
        ProviderStatus.Destination chain = status.destinations().get(1);
        assertEquals(new ProviderStatus.Destination("chain", "chain-target", bed.clock.millis(), null, 120_000L,
                "0xchain1register", "register"), chain);
        assertNull(status.destinations().get(0).lastGasUsed(), "the central service costs no gas");
    }

    @Test
    void oneFailingDestinationDoesNotStopTheOtherAndIsRetriedOnTheNextTick() throws IOException {
        bed.onChain.failing = "cannot pay gas for the registry entry: wallet 0xabc has 0 ETH; fund it";

        IOException e = assertThrows(IOException.class, bed.advertiser::advertise);
        assertEquals("advertising failed: chain: cannot pay gas for the registry entry: wallet 0xabc has 0 ETH; "
                + "fund it", e.getMessage());
        assertEquals(1, bed.central.published.size(), "central still published");
        assertEquals(0, bed.onChain.published.size());
        Advertiser.Destination chain = bed.advertiser.destinations().get(1);
        assertNull(chain.lastPublishedAt());
        assertEquals(bed.onChain.failing, chain.lastSkip());
        assertEquals("chain: " + bed.onChain.failing, bed.advertiser.lastSkip().orElseThrow());
        assertEquals(bed.onChain.failing, bed.overview.status().advertiser().destinations().get(1).lastSkip());

        bed.onChain.failing = null;
        bed.clock.advance(240);
        bed.advertiser.advertise();
        assertEquals(1, bed.onChain.published.size(), "the next tick publishes it");
        assertEquals(bed.clock.millis(), bed.advertiser.destinations().get(1).lastPublishedAt());
        assertTrue(bed.advertiser.lastSkip().isEmpty());
    }

    @Test
    void aFullProviderIsWithdrawnFromBothOnceAndAdvertisedAgainWhenRoomReturns() throws IOException {
        bed.advertiser.advertise();
        bed.settings.with("advertise.min-cpu", "1000");

        bed.advertiser.advertise();
        bed.advertiser.advertise();
        assertEquals(1, bed.central.withdrawals, "withdrawn once");
        assertEquals(1, bed.onChain.withdrawals, "withdrawn once");
        assertTrue(bed.advertiser.destinations().get(1).lastSkip().contains("below the advertising minimum"));
        assertEquals("remove", bed.advertiser.destinations().get(1).lastCost().what());

        bed.settings.with("advertise.min-cpu", "1");
        bed.advertiser.advertise();
        assertEquals(2, bed.central.published.size());
        assertEquals(2, bed.onChain.published.size());
    }

    @Test
    void theAdvertiseListSelectsTheDestinations() throws IOException {
        bed.settings.with("advertise", "chain");
        bed.advertiser.advertise();
        assertEquals(0, bed.central.published.size(), "central not named: untouched");
        assertEquals(1, bed.onChain.published.size());
        assertEquals(List.of("chain"), names());

        bed.central.configured = false;
        bed.settings.with("advertise", " Chain , central ");
        bed.advertiser.advertise();
        assertEquals(2, bed.onChain.published.size());
        assertEquals("golem.provider.discovery-url is not set", bed.advertiser.destinations().get(1).lastSkip(),
                "named but not configured: said so");
        assertEquals(List.of("chain", "central"), names(), "in the setting's order");

        bed.settings.with("advertise", "");
        bed.advertiser.advertise();
        assertEquals(List.of("chain"), names(), "unset: every configured one");
        assertEquals(3, bed.onChain.published.size());

        bed.onChain.configured = false;
        bed.advertiser.advertise();
        assertEquals("golem.provider.discovery-url is not set and no ProviderRegistry is known: not advertising",
                bed.advertiser.lastSkip().orElseThrow());
        assertEquals(3, bed.onChain.published.size());

        bed.settings.with("advertise", "chain,ipfs");
        IllegalStateException e = assertThrows(IllegalStateException.class, bed.advertiser::advertise);
        assertEquals("golem.provider.advertise: unknown destination 'ipfs' (allowed: chain, central, comma separated; "
                + "unset = every configured one)", e.getMessage());
        assertEquals(List.of(), names());
        assertTrue(bed.advertiser.lastSkip().orElseThrow().startsWith("golem.provider.advertise: unknown"));
    }

    @Test
    void aGracefulStopWithdrawsEverywhereEvenWhenOneFails() throws IOException {
        bed.advertiser.advertise();
        bed.central.failing = "discovery down";

        bed.advertiser.withdrawAll();
        assertEquals(1, bed.onChain.withdrawals, "the chain entry removed although central failed");
        assertTrue(!bed.onChain.present);

        bed.central.failing = null;
        bed.advertiser.withdrawAll();
        assertEquals(0, bed.central.withdrawals, "runs once");
    }
}
