package org.golem.vm.provider.infrastructure.vm.multipass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.golem.vm.provider.infrastructure.net.TcpForwarder;
import org.golem.vm.provider.infrastructure.net.TestPorts;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.application.port.VmDriverException.Code;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.Hostfwd;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the driver against {@code fake-multipass} (src/test/resources), a FAKE of the Multipass CLI: Multipass
 * cannot run here. The fake's "VMs" are banner servers on 127.77.x.y; the forwarder in front of them is real.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultipassDriverTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly requestor@test";

    @TempDir
    Path tmp;
    Path fake;
    Path fakeState;
    int guestPort;
    MultipassDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        fake = bin.resolve("fake-multipass");
        try (InputStream in = MultipassDriverTest.class.getResourceAsStream("fake-multipass")) {
            assertNotNull(in, "fake-multipass test resource");
            Files.copy(in, fake, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        fakeState = Files.createDirectories(bin.resolve("fake-multipass.state"));
        guestPort = TestPorts.freeBlock(1);
        Files.writeString(fakeState.resolve("ssh-port"), String.valueOf(guestPort));
        driver = new MultipassDriver(config(guestPort));
    }

    MultipassDriver.Config config(int guest) {
        return new MultipassDriver.Config(fake.toString(), tmp.resolve("driver"), TestPorts.loopback(), guest,
                "ubuntu", Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMillis(50), Map.of(),
                TcpForwarder.Options.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            driver.close();
        }
        fake("__reset");
    }

    String fake(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(fake.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }

    List<String> calls() throws IOException {
        return Files.readAllLines(fakeState.resolve("calls.log"));
    }

    static VmSpec spec(String id, int port) {
        return new VmSpec(id, 2, 3, 4, "22.04", KEY, port, Duration.ofSeconds(20));
    }

    static String banner(int port) throws IOException {
        try (Socket s = new Socket(TestPorts.loopback(), port)) {
            s.setSoTimeout(5000);
            byte[] line = new byte[14];
            int n = s.getInputStream().readNBytes(line, 0, line.length);
            String banner = new String(line, 0, n, StandardCharsets.US_ASCII);
            // and the connection carries data both ways (the fake guest echoes)
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping\n", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            return banner;
        }
    }

    static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket(TestPorts.loopback(), port)) {
                s.setSoTimeout(2000);
            }
        });
    }

    void assertNothingLeft(String id, int port) throws Exception {
        assertTrue(fake("list", "--format", "json").contains("\"list\": []"), "instance purged");
        assertTrue(TestPorts.bindable(port), "port free");
        assertTrue(driver.forward(id).isEmpty());
        assertTrue(driver.find(id).isEmpty());
        try (Stream<Path> files = Files.list(tmp.resolve("driver").resolve("vms"))) {
            assertEquals(0, files.count(), "no VM record");
        }
        try (Stream<Path> files = Files.list(tmp.resolve("driver").resolve("cloud-init"))) {
            assertEquals(0, files.count(), "no cloud-init file");
        }
        try (Stream<Path> files = Files.list(tmp.resolve("driver").resolve("tmp"))) {
            assertEquals(0, files.count(), "no output files");
        }
    }

    @Test
    void createReturnsRunningVmWhoseForwardedPortAnswersTheBanner() throws Exception {
        int port = TestPorts.freeBlock(1);
        DriverVm info = driver.create(spec("vm-one", port));

        assertEquals(new DriverVm("vm-one", VmState.RUNNING, 2, 3, 4, "22.04", port, "ubuntu", info.guestAddress()),
                info);
        assertTrue(info.guestAddress().startsWith("127.77."), info.guestAddress());
        assertEquals("SSH-2.0-fake\r\n", banner(port));
        TcpForwarder fw = driver.forward("vm-one").orElseThrow();
        assertEquals(new InetSocketAddress(info.guestAddress(), guestPort), fw.target());

        String launch = calls().stream().filter(l -> l.startsWith("launch")).findFirst().orElseThrow();
        assertTrue(launch.matches("launch --name vm-one --cpus 2 --memory 3G --disk 4G --cloud-init \\S+/vm-one"
                + "\\.yaml --timeout \\d+ 22\\.04"), launch);
        String cloudInit = fake("info", "vm-one", "--format", "json"); // the fake does not echo it; read its state
        assertTrue(cloudInit.contains("\"state\": \"Running\""));
        String recorded = Files.readString(fakeState.resolve("vm-one.instance.json"));
        assertTrue(recorded.contains("#cloud-config\\nhostname: vm-one\\nssh_pwauth: false\\ndisable_root: true\\n"
                + "ssh_authorized_keys:\\n  - \\\"" + KEY + "\\\"\\n"), recorded);
        assertEquals(info, driver.info("vm-one"));
        assertEquals(List.of(info), driver.list());
    }

    @Test
    void stopFreesTheForwardAndStartRestoresIt() throws Exception {
        int port = TestPorts.freeBlock(1);
        DriverVm created = driver.create(spec("vm-two", port));

        DriverVm stopped = driver.stop("vm-two");
        assertEquals(VmState.STOPPED, stopped.state());
        assertEquals(port, stopped.sshPort());
        assertTrue(driver.forward("vm-two").isEmpty());
        assertRefused(port);
        assertTrue(TestPorts.bindable(port));
        assertTrue(driver.stats("vm-two").isEmpty());

        DriverVm started = driver.start("vm-two");
        assertEquals(VmState.RUNNING, started.state());
        assertEquals(port, started.sshPort());
        assertNotEquals(created.guestAddress(), started.guestAddress(), "the fake gives a new address on start");
        assertEquals("SSH-2.0-fake\r\n", banner(port));
        assertEquals(started, driver.start("vm-two"), "start of a running VM is a no-op");
        assertEquals(1, calls().stream().filter(l -> l.startsWith("start")).count());
    }

    /** Answers one connection on the guest's address with {@code web}, as a server in the guest would. */
    static ServerSocket guestServer(String guestAddress, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(guestAddress, port));
        Thread t = new Thread(() -> {
            try (Socket c = server.accept()) {
                c.getOutputStream().write("web\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed by the test
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    static String read(int port) throws IOException {
        try (Socket s = new Socket(TestPorts.loopback(), port)) {
            s.setSoTimeout(5000);
            return new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void guestPortsBesidesSshAreForwardedAcrossStopStartAndFreedOnDelete() throws Exception {
        int port = TestPorts.freeBlock(3);
        int web = port + 1;
        int guest = port + 2;
        DriverVm created = driver.create(new VmSpec("vm-web", 2, 3, 4, "22.04", KEY, port, Duration.ofSeconds(20),
                null, List.of(new Hostfwd(guest, web))));
        try (ServerSocket server = guestServer(created.guestAddress(), guest)) {
            assertEquals("web\n", read(web), "the host port reaches the guest's port");
        }

        driver.stop("vm-web");
        assertRefused(web);
        DriverVm started = driver.start("vm-web");
        try (ServerSocket server = guestServer(started.guestAddress(), guest)) {
            assertEquals("web\n", read(web), "the same host port, to the guest's new address");
        }

        driver.close();
        driver = new MultipassDriver(config(guestPort));
        try (ServerSocket server = guestServer(started.guestAddress(), guest)) {
            assertEquals("web\n", read(web), "re-adopted with its forwards");
        }

        driver.delete("vm-web");
        assertNothingLeft("vm-web", port);
        assertTrue(TestPorts.bindable(web), "the guest port's host port is free");
    }

    @Test
    void deletePurgesAndFreesThePort() throws Exception {
        int port = TestPorts.freeBlock(1);
        driver.create(spec("vm-three", port));
        int threads = forwarderThreads();

        driver.delete("vm-three");
        assertTrue(calls().contains("delete --purge vm-three"));
        assertNothingLeft("vm-three", port);
        assertEquals(threads - 1, forwarderThreads());
        driver.delete("vm-three"); // idempotent, and does not call multipass for a VM it does not know
        assertEquals(1, calls().stream().filter(l -> l.startsWith("delete")).count());
    }

    @Test
    void launchFailureIsAHypervisorErrorAndLeavesNothing() throws Exception {
        Files.writeString(fakeState.resolve("fail-launch"), "after-create:launch failed: fake boot failure");
        int port = TestPorts.freeBlock(1);
        VmDriverException e = assertThrows(VmDriverException.class, () -> driver.create(spec("vm-bad", port)));
        assertEquals(Code.HYPERVISOR_ERROR, e.code());
        assertTrue(e.getMessage().contains("fake boot failure"), e.getMessage());
        assertTrue(calls().contains("delete --purge vm-bad"), "the half-created instance is purged");
        assertNothingLeft("vm-bad", port);
    }

    /** Multipass takes one #cloud-config file and no meta-data: user-data could not reach the guest as is. */
    @Test
    void takesNoUserDataAndSaysSoInItsCapabilities() throws Exception {
        assertFalse(driver.capabilities().userData());
        int port = TestPorts.freeBlock(1);
        VmSpec spec = new VmSpec("vm-ud", 1, 1, 1, "22.04", KEY, port, Duration.ofSeconds(20), "#!/bin/sh\n", null);
        assertThrows(IllegalArgumentException.class, () -> driver.create(spec));
        assertTrue(!Files.exists(fakeState.resolve("calls.log"))
                || calls().stream().noneMatch(c -> c.startsWith("launch")), "nothing launched");
        assertNothingLeft("vm-ud", port);
    }

    @Test
    void unknownImageIsImageNotFound() throws Exception {
        int port = TestPorts.freeBlock(1);
        VmSpec spec = new VmSpec("vm-img", 1, 1, 1, "no-such-image", KEY, port, Duration.ofSeconds(20));
        assertEquals(Code.IMAGE_NOT_FOUND, assertThrows(VmDriverException.class, () -> driver.create(spec)).code());
        assertNothingLeft("vm-img", port);
    }

    @Test
    void unknownVmIsVmNotFound() throws Exception {
        assertEquals(Code.VM_NOT_FOUND, assertThrows(VmDriverException.class, () -> driver.info("vm-none")).code());
        assertTrue(driver.find("vm-none").isEmpty());
        for (String op : List.of("start", "stop", "stats")) {
            VmDriverException e = assertThrows(VmDriverException.class, () -> {
                switch (op) {
                    case "start" -> driver.start("vm-none");
                    case "stop" -> driver.stop("vm-none");
                    default -> driver.stats("vm-none");
                }
            });
            assertEquals(Code.VM_NOT_FOUND, e.code(), op);
        }
        driver.delete("vm-none");
        assertFalse(Files.exists(fakeState.resolve("calls.log")), "multipass never called for unknown ids");
    }

    @Test
    void vmDeletedOutsideTheProviderIsVmNotFoundAndCanStillBeDeleted() throws Exception {
        int port = TestPorts.freeBlock(1);
        driver.create(spec("vm-gone", port));
        fake("delete", "--purge", "vm-gone");

        VmDriverException e = assertThrows(VmDriverException.class, () -> driver.info("vm-gone"));
        assertEquals(Code.VM_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(Code.VM_NOT_FOUND, assertThrows(VmDriverException.class, () -> driver.stop("vm-gone")).code());
        assertEquals(List.of(), driver.list());
        driver.delete("vm-gone");
        assertNothingLeft("vm-gone", port);
    }

    @Test
    void foreignInstancesAreNeitherListedNorTouched() throws Exception {
        Path ci = Files.writeString(tmp.resolve("ci.yaml"), "#cloud-config\n");
        fake("launch", "--name", "vm-foreign", "--cloud-init", ci.toString(), "22.04");
        int port = TestPorts.freeBlock(1);

        VmDriverException e = assertThrows(VmDriverException.class, () -> driver.create(spec("vm-foreign", port)));
        assertEquals(Code.VM_EXISTS, e.code());
        assertFalse(calls().contains("delete --purge vm-foreign"), "not ours: never purged");
        assertTrue(fake("list", "--format", "json").contains("vm-foreign"));
        assertEquals(List.of(), driver.list());
        assertTrue(driver.find("vm-foreign").isEmpty());
        driver.delete("vm-foreign");
        assertTrue(fake("list", "--format", "json").contains("vm-foreign"));
        assertTrue(TestPorts.bindable(port));
    }

    @Test
    void createOfAnExistingVmIsVmExists() throws Exception {
        int port = TestPorts.freeBlock(1);
        driver.create(spec("vm-dup", port));
        assertEquals(Code.VM_EXISTS, assertThrows(VmDriverException.class,
                () -> driver.create(spec("vm-dup", TestPorts.freeBlock(1)))).code());
        assertEquals("SSH-2.0-fake\r\n", banner(port), "the existing VM is untouched");
    }

    @Test
    void takenSshPortIsAHypervisorErrorAndLeavesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TestPorts.loopback())) {
            int port = taken.getLocalPort();
            VmDriverException e = assertThrows(VmDriverException.class, () -> driver.create(spec("vm-port", port)));
            assertEquals(Code.HYPERVISOR_ERROR, e.code());
            assertTrue(e.getMessage().contains("taken"), e.getMessage());
            assertTrue(fake("list", "--format", "json").contains("\"list\": []"));
            assertTrue(driver.find("vm-port").isEmpty());
        }
    }

    @Test
    void guestThatNeverAnswersSshIsABootTimeoutAndLeavesNothing() throws Exception {
        driver.close();
        int deaf;
        try (ServerSocket s = new ServerSocket(0, 1, TestPorts.loopback())) {
            deaf = s.getLocalPort(); // nothing listens there on the fake guests' addresses
        }
        driver = new MultipassDriver(config(deaf));
        int port = TestPorts.freeBlock(1);
        VmSpec spec = new VmSpec("vm-slow", 1, 1, 1, "22.04", KEY, port, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        VmDriverException e = assertThrows(VmDriverException.class, () -> driver.create(spec));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(Code.BOOT_TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("no SSH banner"), e.getMessage());
        assertTrue(ms >= 1900 && ms < 10_000, ms + " ms");
        assertNothingLeft("vm-slow", port);
    }

    @Test
    void aNewDriverReadoptsRunningVmsAndRestartsTheirForwards() throws Exception {
        int port = TestPorts.freeBlock(1);
        DriverVm created = driver.create(spec("vm-keep", port));
        int stoppedPort = TestPorts.freeBlock(1);
        driver.create(spec("vm-off", stoppedPort));
        driver.stop("vm-off");

        driver.close();
        assertTrue(TestPorts.bindable(port), "close stops the forwards");
        assertThrows(IllegalStateException.class, () -> driver.info("vm-keep"));

        driver = new MultipassDriver(config(guestPort));
        assertEquals("SSH-2.0-fake\r\n", banner(port));
        assertEquals(created, driver.info("vm-keep"));
        assertTrue(driver.forward("vm-off").isEmpty());
        assertEquals(VmState.STOPPED, driver.info("vm-off").state());
        assertEquals(2, driver.list().size());
        assertEquals("SSH-2.0-fake\r\n", banner(driver.start("vm-off").sshPort()));
    }

    @Test
    void statsComeFromMultipassInfo() throws Exception {
        int port = TestPorts.freeBlock(1);
        driver.create(spec("vm-stats", port));
        VmUsage stats = driver.stats("vm-stats").orElseThrow();
        assertEquals(164933632L, stats.rssBytes());
        assertEquals(1521377280L, stats.diskBytes());
        assertEquals(0.0, stats.cpuSeconds());
        assertTrue(stats.uptimeSeconds() >= 0 && stats.uptimeSeconds() < 60);
    }

    @Test
    void missingExecutableIsAHypervisorError() throws Exception {
        driver.close();
        MultipassDriver.Config c = config(guestPort);
        driver = new MultipassDriver(new MultipassDriver.Config(tmp.resolve("no-such-multipass").toString(),
                c.stateDir(), c.forwardBindAddress(), c.guestSshPort(), c.sshUser(), c.commandTimeout(),
                c.stopTimeout(), c.pollInterval(), c.imageAliases(), c.forwarderOptions()));
        int port = TestPorts.freeBlock(1);
        VmDriverException e = assertThrows(VmDriverException.class, () -> driver.create(spec("vm-noexe", port)));
        assertEquals(Code.HYPERVISOR_ERROR, e.code());
        assertTrue(e.getMessage().contains("cannot run"), e.getMessage());
        assertTrue(driver.find("vm-noexe").isEmpty());
        assertTrue(TestPorts.bindable(port));
    }

    @Test
    void idsMultipassCannotNameAreRejectedBeforeAnythingHappens() {
        VmDriverException e = assertThrows(VmDriverException.class,
                () -> driver.create(spec("1vm", TestPorts.freeBlock(1))));
        assertEquals(Code.HYPERVISOR_ERROR, e.code());
        assertFalse(Files.exists(fakeState.resolve("calls.log")));
    }

    @Test
    void everyMultipassStateMaps() {
        assertEquals(VmState.RUNNING, MultipassDriver.state("Running"));
        assertEquals(VmState.RUNNING, MultipassDriver.state("Delayed Shutdown"));
        assertEquals(VmState.STARTING, MultipassDriver.state("Starting"));
        assertEquals(VmState.STARTING, MultipassDriver.state("Restarting"));
        assertEquals(VmState.STOPPED, MultipassDriver.state("Stopped"));
        assertEquals(VmState.STOPPED, MultipassDriver.state("Suspended"));
        assertEquals(VmState.STOPPED, MultipassDriver.state("Suspending"));
        assertEquals(VmState.ERROR, MultipassDriver.state("Deleted"));
        assertEquals(VmState.ERROR, MultipassDriver.state("Unknown"));
        assertEquals(VmState.ERROR, MultipassDriver.state("something new"));
    }

    static int forwarderThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(TcpForwarder.THREAD_PREFIX) && t.isAlive()).count();
    }
}
