package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.testing.MutableClock;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.golem.vm.requestor.application.port.SshKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renting a VM as a user sees it: checks before money moves, one stream of the right size to the right provider,
 * the VM reachable over SSH once the job is ready, and the deposit back when the provider refuses.
 */
class VmCreationTest {
    private static final long T0 = 1_800_000_000L;
    private static final BigInteger TEN_ETH = BigInteger.TEN.pow(19);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final FakeProvider provider = new FakeProvider();
    private InMemoryChain chain;
    private VmCreation creation;

    @BeforeEach
    void wire() {
        chain = new InMemoryChain(clock, TEN_ETH);
        TestSettings settings = new TestSettings();
        Providers providers = new Providers();
        providers.settings = settings;
        providers.directories = List.of(provider);
        creation = new VmCreation();
        creation.store = store;
        creation.providers = providers;
        creation.payments = chain;
        creation.settings = settings;
        creation.provider = provider;
        creation.sshKeys = new SshKeys() {
            @Override
            public Identity identity() {
                return new Identity(Path.of("/keys/id_ed25519"), "ssh-ed25519 AAAAC3Nza golem-requestor");
            }

            @Override
            public Path knownHostsFile() {
                return Path.of("/keys/known_hosts");
            }

            @Override
            public boolean unpin(String alias) {
                return false;
            }
        };
        creation.jobs = Runnable::run;
        creation.clock = clock;
        creation.pollMillis = 1;
    }

    private static RentVmRequest rent(String name, long hours) {
        return new RentVmRequest(name, FakeProvider.ID, 2, 1, 10, hours, null, null);
    }

    @Test
    void aNewVmIsPaidByOneStreamToItsProviderAndReachableWhenTheJobIsReady() {
        CreationStarted started = creation.start(rent("web1", 2));

        assertEquals("web1", started.name());
        JobView job = creation.progress(started.jobId());
        assertEquals("ready", job.status());
        assertEquals(BigInteger.ONE, job.streamId());
        StreamState s = chain.streams.get(BigInteger.ONE);
        assertEquals(FakeProvider.ID, s.recipient());
        assertEquals(BigInteger.TWO, s.ratePerSecond(), "2 cores at 1 wei per core-second");
        assertEquals(BigInteger.valueOf(2 * 2 * 3600), s.deposit(), "2 hours at 2 wei/s");
        assertEquals("running", job.vm().status());
        assertEquals("203.0.113.7", job.vm().sshHost());
        assertEquals(50800, job.vm().sshPort());
        assertEquals("SHA256:abc", job.vm().sshHostKeyFingerprint());
        assertEquals("2027-01-15T08:00:00.000000Z", job.vm().createdAt(), "the record's time is the clock's");
        assertEquals("ssh-ed25519 AAAAC3Nza golem-requestor", provider.created.get(0).sshKey());
        assertEquals(BigInteger.ONE, provider.created.get(0).streamId());
    }

    @Test
    void guestPortsArePaidForAskedOfTheProviderAndShownWithTheirHostPorts() {
        provider.maxPorts = 4;
        provider.weiPerPortMonth = BigInteger.valueOf(2 * 2_628_000L);

        CreationStarted started = creation.start(new RentVmRequest("web1", FakeProvider.ID, 2, 1, 10, 2L, null, null,
                null, List.of(80, 443)));

        JobView job = creation.progress(started.jobId());
        assertEquals("ready", job.status());
        assertEquals(BigInteger.valueOf(2 + 2 * 2), chain.streams.get(BigInteger.ONE).ratePerSecond(),
                "2 cores at 1 wei/s and 2 ports at 2 wei/s each");
        assertEquals(List.of(80, 443), provider.created.get(0).ports());
        assertEquals(List.of(new PortForward(80, 50801), new PortForward(443, 50802)), job.vm().ports());
        assertEquals(job.vm().ports(), VmViews.of(store.find("web1").orElseThrow()).ports(), "stored with the VM");
    }

    @Test
    void moreGuestPortsThanTheProviderForwardsAreRefusedBeforeAnyStreamIsOpened() {
        provider.maxPorts = 1;

        DomainException e = assertThrows(DomainException.class, () -> creation.start(new RentVmRequest("web1",
                FakeProvider.ID, 2, 1, 10, 2L, null, null, null, List.of(80, 443))));

        assertEquals(Refusal.CONFLICT, e.refusal());
        assertEquals("TOO_MANY_PORTS", e.code());
        assertTrue(chain.streams.isEmpty());
        assertTrue(store.all().isEmpty());
        provider.maxPorts = null;
        assertEquals("TOO_MANY_PORTS", assertThrows(DomainException.class, () -> creation.start(new RentVmRequest(
                "web1", FakeProvider.ID, 2, 1, 10, 2L, null, null, null, List.of(80)))).code(),
                "a provider that does not advertise max_ports forwards none");
        DomainException bad = assertThrows(DomainException.class, () -> creation.start(new RentVmRequest("web1",
                FakeProvider.ID, 2, 1, 10, 2L, null, null, null, List.of(22))));
        assertEquals("VALIDATION_ERROR", bad.code());
        assertTrue(chain.streams.isEmpty());
    }

    @Test
    void aWalletThatCannotPayIsRefusedBeforeAnyStreamIsOpened() {
        chain.balanceWei = BigInteger.valueOf(1000);

        DomainException e = assertThrows(DomainException.class, () -> creation.start(rent("web1", 1)));

        assertEquals(Refusal.PAYMENT_REQUIRED, e.refusal());
        assertEquals("INSUFFICIENT_FUNDS", e.code());
        assertTrue(chain.streams.isEmpty());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void anImageTheProviderDoesNotOfferIsRefusedBeforeAnyMoneyMoves() {
        DomainException e = assertThrows(DomainException.class, () -> creation.start(
                new RentVmRequest("web1", FakeProvider.ID, 2, 1, 10, 1L, null, "windows-95")));

        assertEquals(Refusal.UNPROCESSABLE, e.refusal());
        assertEquals("UNKNOWN_IMAGE", e.code());
        assertTrue(e.getMessage().contains("it offers: debian-12, micro"), e.getMessage());
        assertTrue(chain.streams.isEmpty(), "no stream opened");
        assertEquals(TEN_ETH, chain.balanceWei, "nothing paid");
        assertTrue(store.all().isEmpty(), "no VM recorded");
        assertTrue(provider.created.isEmpty(), "the provider was not asked");

        provider.images = List.of();
        e = assertThrows(DomainException.class, () -> creation.start(
                new RentVmRequest("web1", FakeProvider.ID, 2, 1, 10, 1L, null, "micro")));
        assertTrue(e.getMessage().contains("it offers: no image"), e.getMessage());
        assertTrue(chain.streams.isEmpty());
    }

    @Test
    void anOfferedImageOrTheProvidersDefaultGoesThroughToTheProvider() {
        creation.start(new RentVmRequest("web1", FakeProvider.ID, 1, 1, 10, 1L, null, "debian-12"));
        creation.start(new RentVmRequest("web2", FakeProvider.ID, 1, 1, 10, 1L, null, "24.04"));
        creation.start(rent("web3", 1));

        assertEquals(3, provider.created.size());
        assertEquals(3, chain.streams.size());
    }

    @Test
    void aProviderPaidOnAnotherContractIsNeverPaid() {
        provider.contract = "0x7777777777777777777777777777777777777777";

        DomainException e = assertThrows(DomainException.class, () -> creation.start(rent("web1", 1)));

        assertEquals(Refusal.CONFLICT, e.refusal());
        assertEquals("CONTRACT_MISMATCH", e.code());
        assertTrue(chain.streams.isEmpty());
    }

    @Test
    void fewerHoursThanTheProvidersMinimumRunwayAreRefused() {
        provider.minRunwaySeconds = 7200;

        DomainException e = assertThrows(DomainException.class, () -> creation.start(rent("web1", 2)));

        assertEquals("VALIDATION_ERROR", e.code());
        assertTrue(e.getMessage().contains("at least 7200 s"), e.getMessage());
        assertTrue(chain.streams.isEmpty());
    }

    @Test
    void aSecondVmOfTheSameNameIsRefused() {
        creation.start(rent("web1", 1));

        DomainException e = assertThrows(DomainException.class, () -> creation.start(rent("web1", 1)));

        assertEquals(Refusal.CONFLICT, e.refusal());
        assertEquals("VM_EXISTS", e.code());
        assertEquals(1, chain.streams.size(), "no second stream");
    }

    @Test
    void whenTheProviderRefusesTheStreamIsTerminatedAndTheDepositComesBack() throws IOException {
        provider.refuseCreate = "INSUFFICIENT_RESOURCES";

        CreationStarted started = creation.start(rent("web1", 1));

        JobView job = creation.progress(started.jobId());
        assertEquals("failed", job.status());
        assertEquals("PROVIDER_REFUSED", job.error().code());
        assertTrue(job.error().message().contains("stream 1 terminated, 7200 wei refunded"), job.error().message());
        assertTrue(chain.read(BigInteger.ONE).state().terminated());
        assertEquals(TEN_ETH, chain.balanceWei, "the whole deposit is back (no time passed)");
        assertTrue(store.find("web1").isEmpty(), "the record is gone");
        assertNull(job.vm());
    }

    @Test
    void jobsInterruptedByARestartAreMarkedFailed() {
        creation.jobs = job -> { }; // the server stops before the job runs
        CreationStarted started = creation.start(rent("web1", 1));
        clock.advance(30);

        creation.failInterrupted();

        JobView job = creation.progress(started.jobId());
        assertEquals("failed", job.status());
        assertEquals("INTERRUPTED", job.error().code());
    }

    private static final ImageInfo MICRO = new ImageInfo("micro", "busybox", 40L, "root", "kernel+initrd", false);
    private static final ImageInfo DEBIAN = new ImageInfo("debian-12", "Debian 12 (bookworm)", 612L, "debian",
            "kernel+initrd+disk", true);

    private static RentVmRequest rent(String name, String image, String userData) {
        return new RentVmRequest(name, FakeProvider.ID, 2, 1, 10, 1L, null, image, userData, null);
    }

    @Test
    void userDataGoesToTheProviderAsIs() {
        provider.images = List.of(MICRO, DEBIAN);
        String userData = "#cloud-config\r\nruncmd:\n  - [touch, /tmp/h\u00e9]\n";

        CreationStarted started = creation.start(rent("web1", "debian-12", userData));

        assertEquals("ready", creation.progress(started.jobId()).status());
        assertEquals(userData, provider.created.get(0).userData());
        assertEquals("debian-12", provider.created.get(0).image());
    }

    @Test
    void userDataForAnImageTheCatalogueSaysTakesNoneIsRefusedBeforeAnyStreamIsOpened() {
        provider.images = List.of(MICRO, DEBIAN);

        DomainException e = assertThrows(DomainException.class,
                () -> creation.start(rent("web1", "micro", "#cloud-config\n")));

        assertEquals(Refusal.UNPROCESSABLE, e.refusal());
        assertEquals("USER_DATA_NOT_SUPPORTED", e.code());
        assertTrue(e.getMessage().contains("image 'micro' takes no user-data"), e.getMessage());
        assertTrue(chain.streams.isEmpty());
        assertTrue(store.all().isEmpty());
        assertTrue(provider.created.isEmpty());
    }

    @Test
    void userDataForTheDefaultImageOfACatalogueWhereNoImageTakesItIsRefusedBeforeAnyStreamIsOpened() {
        provider.images = List.of(MICRO);

        DomainException e = assertThrows(DomainException.class,
                () -> creation.start(rent("web1", null, "#!/bin/sh\n")));

        assertEquals("USER_DATA_NOT_SUPPORTED", e.code());
        assertTrue(e.getMessage().contains("it offers micro"), e.getMessage());
        assertTrue(chain.streams.isEmpty());
    }

    @Test
    void userDataOver64KiBIsRefused413BeforeTheProviderIsAsked() {
        provider.images = List.of(DEBIAN);

        DomainException e = assertThrows(DomainException.class,
                () -> creation.start(rent("web1", "debian-12", "#".repeat(65_537))));

        assertEquals(Refusal.TOO_LARGE, e.refusal());
        assertEquals("USER_DATA_TOO_LARGE", e.code());
        assertTrue(chain.streams.isEmpty());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void whenTheProviderRefusesUserDataItsCatalogueOfferedTheDepositComesBack() throws IOException {
        // a catalogue that changed between the requestor's check and the creation: the provider's refusal stands
        provider.images = List.of(new ImageInfo("micro", "BusyBox", 17L, "root", "kernel+initrd", true));
        provider.refuseCreate = "USER_DATA_NOT_SUPPORTED";

        CreationStarted started = creation.start(rent("web1", "micro", "#cloud-config\n"));

        JobView job = creation.progress(started.jobId());
        assertEquals("failed", job.status());
        assertTrue(job.error().message().contains("USER_DATA_NOT_SUPPORTED"), job.error().message());
        assertTrue(chain.read(BigInteger.ONE).state().terminated(), "the stream opened for it is terminated");
        assertEquals(TEN_ETH, chain.balanceWei, "the whole deposit is back");
    }

    @Test
    void emptyUserDataIsNone() {
        provider.images = List.of(MICRO);

        creation.start(rent("web1", "micro", ""));

        assertNull(provider.created.get(0).userData());
    }
}
