package org.golem.vm.provider.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.domain.VmRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One tick of the stream monitor at a time, against in-memory adapters and a clock the test moves. */
class StreamMonitorTest {
    private static final BigInteger PAID = BigInteger.ONE;
    private static final BigInteger DRY = BigInteger.TWO;

    @TempDir
    Path dataDir;

    private TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed(dataDir);
        long now = bed.chain.chainTime;
        BigInteger rate = bed.pricing.requiredRateWei(VmServiceTest.SMALL);
        bed.chain.stream(PAID, VmServiceTest.ALICE, rate, now, now + 7200);
        bed.chain.stream(DRY, VmServiceTest.ALICE, rate, now, now + 600);
        create("paid", PAID);
        create("dry", DRY);
    }

    private void create(String name, BigInteger stream) {
        bed.vms.create(VmServiceTest.ALICE, CreateVmRequest.of(name, VmServiceTest.SMALL, VmServiceTest.KEY, stream),
                false);
    }

    private VmRecord vm(String name) {
        return bed.store.find(name).orElseThrow();
    }

    @Test
    void aVmIsStoppedWhenItsStreamRunsDryAndOnlyThatOne() throws IOException {
        bed.chain.chainTime += 599;
        bed.monitor.check();
        assertEquals(VmStatus.RUNNING, vm("dry").status(), "one second of runway left");

        bed.chain.chainTime += 1;
        bed.monitor.check();

        assertEquals(VmStatus.STOPPED, vm("dry").status());
        assertEquals("stopped: stream ran out: paid time ended", vm("dry").statusReason());
        assertTrue(vm("dry").unpaid());
        assertTrue(bed.hypervisor.stopped.contains(vm("dry").driverId()));
        assertEquals(VmStatus.RUNNING, vm("paid").status());
        assertEquals(50801, vm("dry").sshPort(), "disk and port stay");
    }

    @Test
    void anUnpaidVmIsDeletedOnceTheRetentionHasPassedNotBefore() throws IOException {
        bed.settings.with("monitor.stopped-retention-seconds", "3600");
        bed.chain.chainTime += 600;
        bed.monitor.check();
        String driverId = vm("dry").driverId();

        bed.clock.advance(3599);
        bed.monitor.check();
        assertTrue(bed.store.find("dry").isPresent(), "kept for the retention period");

        bed.clock.advance(1);
        bed.monitor.check();
        assertTrue(bed.store.find("dry").isEmpty());
        assertFalse(bed.hypervisor.vms.containsKey(driverId));
        assertFalse(bed.ports.assignments().containsKey(driverId));
        assertEquals(VmStatus.RUNNING, vm("paid").status());
    }

    @Test
    void aVmTheOwnerStoppedIsMarkedUnpaidWhenItsStreamRunsOutThenKeptForTheRetention() throws IOException {
        bed.vms.stop(VmServiceTest.ALICE, "dry");
        bed.chain.chainTime += 600;

        bed.monitor.check();

        assertTrue(vm("dry").unpaid());
        assertEquals("stopped; stream ran out: paid time ended", vm("dry").statusReason());
    }

    @Test
    void anUnreadableChainChangesNothing() {
        bed.chain.chainTime += 600;
        bed.chain.down = true;

        assertThrows(IOException.class, bed.monitor::check);

        assertEquals(VmStatus.RUNNING, vm("dry").status());
    }

    @Test
    void aHypervisorThatCannotStopTheVmIsRetriedOnTheNextTick() throws IOException {
        bed.chain.chainTime += 600;
        bed.hypervisor.failStops = true;

        bed.monitor.check();
        assertEquals(VmStatus.RUNNING, vm("dry").status());

        bed.hypervisor.failStops = false;
        bed.monitor.check();
        assertEquals(VmStatus.STOPPED, vm("dry").status());
    }
}
