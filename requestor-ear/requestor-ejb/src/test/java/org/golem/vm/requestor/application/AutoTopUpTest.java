package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.testing.MutableClock;
import org.golem.vm.requestor.domain.RentedVm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auto top-up as the user sees it: a running VM's stream is kept at the target runway (one hour) once its
 * runway falls below half of it; a closed stream is left alone; a wallet that cannot pay is reported on the VM.
 */
class AutoTopUpTest {
    private static final long T0 = 1_800_000_000L;
    private static final BigInteger RATE = BigInteger.valueOf(1_000);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private InMemoryChain chain;
    private AutoTopUp topUp;
    private BigInteger stream;

    @BeforeEach
    void wire() {
        chain = new InMemoryChain(clock, BigInteger.TEN.pow(18));
        topUp = new AutoTopUp();
        topUp.settings = new TestSettings();
        topUp.store = store;
        topUp.payments = chain;
        stream = chain.add(FakeProvider.ID, T0, T0 + 3600, RATE);
        RentedVm vm = new RentedVm("web1", FakeProvider.ID, FakeProvider.URL, new Resources(1, 1, 10), null,
                T0 * 1000);
        vm.paidBy(stream, T0 * 1000);
        vm.reachable("203.0.113.7", 50800, "root", null, T0 * 1000);
        store.vms.put("web1", vm);
    }

    private long runway() throws IOException {
        return StreamMath.remainingSeconds(chain.read(stream).state(), clock.instant().getEpochSecond());
    }

    @Test
    void aStreamWithMoreThanHalfAnHourLeftIsNotToppedUp() throws IOException {
        clock.advance(1000);

        topUp.tick();

        assertEquals(0, chain.topUps);
        assertEquals(2600, runway());
        assertNull(store.find("web1").orElseThrow().topUpMessage());
    }

    @Test
    void aStreamBelowHalfAnHourIsToppedUpBackToAnHour() throws IOException {
        clock.advance(2000);
        BigInteger before = chain.balanceWei;

        topUp.tick();

        assertEquals(1, chain.topUps);
        assertEquals(3600, runway());
        assertEquals(RATE.multiply(BigInteger.valueOf(2000)), before.subtract(chain.balanceWei),
                "(target − runway) × rate");
        assertNull(store.find("web1").orElseThrow().topUpMessage());
    }

    @Test
    void aTerminatedStreamIsLeftAlone() throws Exception {
        chain.terminate(stream);
        clock.advance(2000);

        topUp.tick();

        assertEquals(0, chain.topUps);
        assertTrue(store.find("web1").orElseThrow().topUpMessage().contains("not topped up"),
                store.find("web1").orElseThrow().topUpMessage());
    }

    @Test
    void aWalletThatCannotPayIsReportedOnTheVm() {
        chain.balanceWei = BigInteger.valueOf(5);
        clock.advance(2000);

        topUp.tick();

        assertEquals(0, chain.topUps);
        String message = store.find("web1").orElseThrow().topUpMessage();
        assertTrue(message.contains("cannot afford the top-up to 3600 s of runway"), message);
    }

    @Test
    void aChainThatCannotBeReadIsReportedAndRetriedNextTick() throws IOException {
        clock.advance(2000);
        chain.down = true;

        topUp.tick();

        assertTrue(store.find("web1").orElseThrow().topUpMessage().startsWith("last top-up check failed"));
        chain.down = false;
        topUp.tick();
        assertEquals(1, chain.topUps);
        assertNull(store.find("web1").orElseThrow().topUpMessage());
    }

    @Test
    void nothingHappensWhileTheAutoTopUpIsDisabled() {
        ((TestSettings) topUp.settings).values.put("topup.enabled", "false");
        clock.advance(3000);

        topUp.tick();

        assertEquals(0, chain.topUps);
    }
}
