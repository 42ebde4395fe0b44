package org.golem.vm.provider.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.auth.AuthError;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.vm.Hostfwd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** The VM use cases against in-memory adapters: what a requestor sees when creating, stopping, starting, deleting. */
class VmServiceTest {
    static final String ALICE = "0xA11CE00000000000000000000000000000000001";
    static final String BOB = "0xB0B0000000000000000000000000000000000002";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl t";
    static final Resources SMALL = new Resources(1, 1, 10);
    private static final BigInteger STREAM = BigInteger.valueOf(7);

    @TempDir
    Path dataDir;

    private TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed(dataDir);
    }

    /** A stream from ALICE paying exactly the required rate for {@code seconds} from the chain's now. */
    private void aliceStream(BigInteger id, long seconds) {
        long now = bed.chain.chainTime;
        bed.chain.stream(id, ALICE, bed.pricing.requiredRateWei(SMALL), now, now + seconds);
    }

    private VmRecord create(String name, BigInteger stream) {
        return bed.vms.create(ALICE, CreateVmRequest.of(name, SMALL, KEY, stream), false).vm();
    }

    /** Asserts a refusal with its kind and code; returns it for further checks. */
    static DomainException refused(Refusal refusal, String code, Executable action) {
        DomainException e = assertThrows(DomainException.class, action);
        assertEquals(refusal, e.refusal(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aPaidCreationBootsTheVmOnALeasedPortAndBindsTheStream() {
        aliceStream(STREAM, 3600);

        VmRecord vm = create("web", STREAM);

        assertEquals(VmStatus.RUNNING, vm.status());
        assertEquals(50800, vm.sshPort());
        assertEquals(Map.of(vm.driverId(), 50800), bed.ports.assignments());
        assertTrue(bed.store.streamBound(STREAM));
        assertEquals(TestBed.START * 1000, bed.store.binding(STREAM).orElseThrow().boundAt());
        assertEquals(List.of("web"), bed.vms.list(ALICE).stream().map(VmRecord::name).toList());
        assertTrue(bed.vms.list(BOB).isEmpty());
        assertFalse(bed.changed.fired.isEmpty(), "capacity changed: re-advertise");
    }

    @Test
    void withPaymentsACreationWithoutStreamIsRefused400() {
        refused(Refusal.INVALID, "STREAM_REQUIRED", () -> create("web", null));
        assertTrue(bed.store.all().isEmpty());
    }

    @Test
    void aStreamWithTooShortARunwayIsRefused402AndNothingIsReserved() {
        aliceStream(STREAM, 60);

        DomainException e = refused(Refusal.PAYMENT_REQUIRED, "STREAM_RUNWAY_TOO_SHORT", () -> create("web", STREAM));

        assertTrue(e.getMessage().startsWith("invalid stream: runway too short: 60 s paid, at least 300 s"),
                e.getMessage());
        assertTrue(bed.store.all().isEmpty());
        assertTrue(bed.ports.assignments().isEmpty());
    }

    @Test
    void onlyTheStreamsSenderMayCreateAVmWithIt() {
        aliceStream(STREAM, 3600);

        AuthException e = assertThrows(AuthException.class,
                () -> bed.vms.create(BOB, CreateVmRequest.of("web", SMALL, KEY, STREAM), false));

        assertEquals(AuthError.AUTH_FORBIDDEN, e.error());
        assertTrue(bed.store.all().isEmpty());
    }

    @Test
    void oneStreamPaysForOneVmAndNamesAreUnique() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);
        BigInteger other = BigInteger.valueOf(8);
        aliceStream(other, 3600);

        refused(Refusal.CONFLICT, "STREAM_ALREADY_BOUND", () -> create("dbs", STREAM));
        refused(Refusal.CONFLICT, "VM_NAME_TAKEN", () -> create("web", other));
        assertEquals(1, bed.store.all().size());
    }

    @Test
    void aCreationBeyondCapacityIsRefused503() {
        bed.chain.enabled = false;
        bed.hypervisor.capacity = new Resources(1, 1, 10);
        create("one-vm", null);

        refused(Refusal.UNAVAILABLE, "CAPACITY_EXHAUSTED", () -> create("two-vm", null));

        assertEquals(List.of("one-vm"), bed.store.all().stream().map(VmRecord::name).toList());
    }

    @Test
    void whenEverySshPortIsTakenTheReservationIsUndone() {
        bed.chain.enabled = false;
        create("vm-a", null);
        create("vm-b", null);
        create("vm-c", null);

        refused(Refusal.UNAVAILABLE, "SSH_PORTS_EXHAUSTED", () -> create("vm-d", null));

        assertTrue(bed.store.find("vm-d").isEmpty());
    }

    private VmRecord createWithPorts(String name, BigInteger stream, Integer... ports) {
        return bed.vms.create(ALICE, new CreateVmRequest(name, null, SMALL, null, KEY, stream, null,
                Arrays.asList(ports)), false).vm();
    }

    @Test
    void guestPortsGetOneHostPortEachKeptThroughStopAndStartAndReleasedOnDelete() {
        bed.chain.enabled = false;
        bed.ports.last = 50803;

        VmRecord vm = createWithPorts("web", null, 80, 443);

        assertEquals(List.of(new Hostfwd(80, 50801), new Hostfwd(443, 50802)), vm.ports());
        assertEquals(List.of(new PortForward(80, 50801), new PortForward(443, 50802)), VmService.forwards(vm));
        assertEquals(List.of(new Hostfwd(80, 50801), new Hostfwd(443, 50802)),
                bed.hypervisor.specs.get(vm.driverId()).ports(), "the driver forwards them");
        assertEquals(Map.of(vm.driverId(), 50800, vm.driverId() + "/80", 50801, vm.driverId() + "/443", 50802),
                bed.ports.assignments());

        bed.vms.stop(ALICE, "web");
        assertEquals(vm.ports(), bed.vms.start(ALICE, "web").ports());
        assertEquals(3, bed.ports.assignments().size());

        bed.vms.delete(ALICE, "web");
        assertTrue(bed.ports.assignments().isEmpty());
    }

    @Test
    void badGuestPortsAreRefused400BeforeAnythingIsReserved() {
        bed.chain.enabled = false;

        refused(Refusal.INVALID, "INVALID_PORT", () -> createWithPorts("web", null, 22));
        refused(Refusal.INVALID, "INVALID_PORT", () -> createWithPorts("web", null, 0));
        refused(Refusal.INVALID, "INVALID_PORT", () -> createWithPorts("web", null, 65536));
        refused(Refusal.INVALID, "INVALID_PORT", () -> createWithPorts("web", null, 80, 80));
        refused(Refusal.INVALID, "TOO_MANY_PORTS", () -> createWithPorts("web", null, 80, 81, 82, 83, 84));
        bed.settings.with("max-ports", "1");
        refused(Refusal.INVALID, "TOO_MANY_PORTS", () -> createWithPorts("web", null, 80, 81));

        assertTrue(bed.store.all().isEmpty());
        assertTrue(bed.ports.assignments().isEmpty());
    }

    @Test
    void whenTheRangeHasNoPortForAGuestPortNothingIsReservedOrLeftBehind() {
        bed.chain.enabled = false;
        create("vm-a", null);

        refused(Refusal.UNAVAILABLE, "PORTS_EXHAUSTED", () -> createWithPorts("vm-b", null, 80, 443));

        assertTrue(bed.store.find("vm-b").isEmpty());
        assertEquals(1, bed.ports.assignments().size(), "only vm-a's SSH port stays");
    }

    @Test
    void aPricedPortRaisesTheRequiredRateOfTheStream() {
        bed.settings.with("price-per-port-usd-month", "3.5");
        BigInteger withoutPorts = bed.pricing.requiredRateWei(SMALL);
        BigInteger withTwo = bed.pricing.requiredRateWei(SMALL, 2);
        assertTrue(withTwo.compareTo(withoutPorts) > 0, withTwo + " vs " + withoutPorts);
        assertEquals(new java.math.BigDecimal("3.5"), bed.pricing.advertised().usdPerPortMonth());
        long now = bed.chain.chainTime;
        bed.chain.stream(STREAM, ALICE, withoutPorts, now, now + 3600);

        refused(Refusal.PAYMENT_REQUIRED, "STREAM_RATE_TOO_LOW", () -> createWithPorts("web", STREAM, 80, 443));
        assertTrue(bed.store.all().isEmpty());

        bed.chain.stream(BigInteger.TWO, ALICE, withTwo, now, now + 3600);
        assertEquals(2, createWithPorts("web", BigInteger.TWO, 80, 443).ports().size());
    }

    @Test
    void freePortsAreNotAdvertisedAsPriced() {
        assertEquals(null, bed.pricing.advertised().usdPerPortMonth());
        assertEquals(bed.pricing.requiredRateWei(SMALL), bed.pricing.requiredRateWei(SMALL, 4));
    }

    @Test
    void anotherRequestorsVmIsForbiddenAndAnUnknownOneNotFound() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);

        AuthException e = assertThrows(AuthException.class, () -> bed.vms.stop(BOB, "web"));
        assertEquals(AuthError.AUTH_FORBIDDEN, e.error());
        refused(Refusal.NOT_FOUND, "VM_NOT_FOUND", () -> bed.vms.stop(ALICE, "nope"));
        assertEquals(VmStatus.RUNNING, bed.store.find("web").orElseThrow().status());
    }

    @Test
    void theOwnerStopsAndStartsAgainWhileTheStreamPays() {
        aliceStream(STREAM, 3600);
        VmRecord vm = create("web", STREAM);

        VmRecord stopped = bed.vms.stop(ALICE, "web");
        assertEquals(VmStatus.STOPPED, stopped.status());
        assertEquals("stopped by its owner", stopped.statusReason());
        assertEquals(List.of(vm.driverId()), bed.hypervisor.stopped);

        assertEquals(VmStatus.RUNNING, bed.vms.start(ALICE, "web").status());
    }

    @Test
    void aStoppedVmWhoseStreamRanOutDoesNotStartAgain() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);
        bed.vms.stop(ALICE, "web");
        bed.chain.chainTime += 3600;

        refused(Refusal.PAYMENT_REQUIRED, "STREAM_EXHAUSTED", () -> bed.vms.start(ALICE, "web"));

        assertEquals(VmStatus.STOPPED, bed.store.find("web").orElseThrow().status());
    }

    @Test
    void aFailingHypervisorRefuses503AndChangesNothing() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);
        bed.hypervisor.failStops = true;

        refused(Refusal.UNAVAILABLE, "HYPERVISOR_ERROR", () -> bed.vms.stop(ALICE, "web"));

        assertEquals(VmStatus.RUNNING, bed.store.find("web").orElseThrow().status());
    }

    @Test
    void deletingFreesThePortAndReleasesTheBindingAtTheClocksTime() {
        aliceStream(STREAM, 3600);
        VmRecord vm = create("web", STREAM);
        bed.clock.advance(90);

        bed.vms.delete(ALICE, "web");

        assertTrue(bed.store.find("web").isEmpty());
        assertFalse(bed.hypervisor.vms.containsKey(vm.driverId()));
        assertTrue(bed.ports.assignments().isEmpty());
        assertEquals((TestBed.START + 90) * 1000, bed.store.binding(STREAM).orElseThrow().releasedAt());
    }

    @Test
    void accessIsRefused409OnceTheVmIsStoppedSayingWhy() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);
        assertEquals(VmStatus.RUNNING, bed.vms.forAccess(ALICE, "web").status());
        bed.vms.stop(ALICE, "web");

        DomainException e = refused(Refusal.CONFLICT, "VM_NOT_RUNNING", () -> bed.vms.forAccess(ALICE, "web"));

        assertEquals("VM is stopped (stopped by its owner)", e.getMessage());
    }

    @Test
    void anAsyncCreationsJobIsOnlyTheCreatorsToSee() {
        refused(Refusal.NOT_FOUND, "JOB_NOT_FOUND", () -> bed.vms.ownedJob(ALICE, "no-such-job"));
        bed.store.jobs.put("j1", new CreationJob("j1", "web", ALICE, 0));

        assertEquals("web", bed.vms.ownedJob(ALICE, "j1").vmName());
        AuthException e = assertThrows(AuthException.class, () -> bed.vms.ownedJob(BOB, "j1"));
        assertEquals(AuthError.AUTH_FORBIDDEN, e.error());
    }

    @Test
    void anUnreadableChainRefusesTheCreation503() {
        aliceStream(STREAM, 3600);
        bed.chain.down = true;

        refused(Refusal.UNAVAILABLE, "CHAIN_UNAVAILABLE", () -> create("web", STREAM));

        assertTrue(bed.store.all().isEmpty());
    }

    private VmRecord createWithUserData(String name, String image, String userData) {
        return bed.vms.create(ALICE, new CreateVmRequest(name, null, SMALL, image, KEY, null, userData, null), false)
                .vm();
    }

    @Test
    void userDataReachesTheDriverAsIsForAnImageThatRunsCloudInit() {
        bed.chain.enabled = false;
        bed.hypervisor.cloudInitImages.add("debian-12");
        String script = "#!/bin/sh\r\necho 'é ünïcode' > /root/x\n";

        createWithUserData("web", "debian-12", script);

        assertEquals(1, bed.hypervisor.created.size());
        assertEquals(script, bed.hypervisor.created.get(0).userData());
        assertEquals(KEY, bed.hypervisor.created.get(0).sshPublicKey(), "the key goes on beside it");
    }

    @Test
    void withoutUserDataTheDriverGetsNone() {
        bed.chain.enabled = false;
        bed.hypervisor.cloudInitImages.add("debian-12");

        createWithUserData("web", "debian-12", null);
        createWithUserData("app", "micro", ""); // empty is none, so micro takes it

        assertEquals(java.util.Arrays.asList(null, null),
                bed.hypervisor.created.stream().map(s -> s.userData()).toList());
    }

    @Test
    void userDataForAnImageWithoutCloudInitIsRefused422BeforeTheStreamIsRead() {
        aliceStream(STREAM, 3600);
        bed.hypervisor.cloudInitImages.add("debian-12");
        bed.chain.down = true; // a stream read would fail with 503: the refusal comes first

        DomainException e = refused(Refusal.UNPROCESSABLE, "USER_DATA_NOT_SUPPORTED",
                () -> bed.vms.create(ALICE, new CreateVmRequest("web", null, SMALL, "micro", KEY, STREAM,
                        "#cloud-config\n", null), false));

        assertTrue(e.getMessage().contains("image 'micro' takes no user-data"), e.getMessage());
        assertTrue(bed.store.all().isEmpty());
        assertTrue(bed.hypervisor.created.isEmpty());
        assertTrue(bed.ports.assignments().isEmpty());
    }

    @Test
    void userDataOver64KiBIsRefused413AndExactly64KiBIsTaken() {
        bed.chain.enabled = false;
        bed.hypervisor.cloudInitImages.add("debian-12");
        // 'é' is two UTF-8 bytes: 32,768 of them are exactly 64 KiB, one more character is over
        String atLimit = "é".repeat(32_768);

        DomainException e = refused(Refusal.TOO_LARGE, "USER_DATA_TOO_LARGE",
                () -> createWithUserData("web", "debian-12", atLimit + "x"));

        assertTrue(e.getMessage().contains("65537 bytes"), e.getMessage());
        assertTrue(bed.store.all().isEmpty());
        createWithUserData("web", "debian-12", atLimit);
        assertEquals(atLimit, bed.hypervisor.created.get(0).userData());
    }

    @Test
    void aCreationAskingOtherResourcesForAnExistingVmIsARefusedResizeThatChangesNothing() {
        aliceStream(STREAM, 3600);
        create("web", STREAM);
        BigInteger other = BigInteger.valueOf(8);
        aliceStream(other, 3600);
        Resources bigger = new Resources(1, 1, 20);

        DomainException e = refused(Refusal.CONFLICT, "RESIZE_NOT_SUPPORTED", () -> bed.vms.create(ALICE,
                CreateVmRequest.of("web", bigger, KEY, other), false));

        assertTrue(e.getMessage().contains("1 cores / 1 GiB RAM / 10 GiB disk"), e.getMessage());
        assertEquals(SMALL, bed.vms.owned(ALICE, "web").resources());
        assertEquals(1, bed.hypervisor.created.size(), "no second VM, no new disk");
        assertFalse(bed.store.streamBound(other), "the other stream stays free");
        // someone else learns nothing about ALICE's VM
        BigInteger bobs = BigInteger.valueOf(9);
        long now = bed.chain.chainTime;
        bed.chain.stream(bobs, BOB, bed.pricing.requiredRateWei(bigger), now, now + 3600);
        refused(Refusal.CONFLICT, "VM_NAME_TAKEN", () -> bed.vms.create(BOB,
                CreateVmRequest.of("web", bigger, KEY, bobs), false));
    }
}
