package org.golem.vm.provider.infrastructure.vm.qemu;

import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.assertPortFree;
import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.freePort;
import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.qemuProcessesNamed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.JSchException;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real boots of the micro image under QEMU (TCG on this machine: ~4 s to SSH each), SSH through JSch; file copies
 * with the real OpenSSH {@code scp} and {@code sftp} clients.
 */
@Timeout(300)
class QemuDriverTest {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(QemuDriverTest.class.getName());

    /** Own data directory per run: two builds of this module at once must not see each other's VMs. */
    private static Path DATA;
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final long GIB = 1024L * 1024 * 1024;
    private static ImageCatalog catalog;
    private static QemuConfig config;
    private static Ssh.Key keyA;
    private static Ssh.Key keyB;

    @BeforeAll
    static void setUp() throws Exception {
        Path image = MicroImage.build();
        Files.createDirectories(Path.of("target"));
        DATA = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "qemu-test-");
        catalog = new ImageCatalog(DATA, Map.of("micro", image.toString()));
        // TCG: nested KVM hangs on this machine (docs/vm-runtime.md); the probe has its own test
        config = QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);
        keyA = Ssh.newKey(DATA.resolve("keys"), "a");
        keyB = Ssh.newKey(DATA.resolve("keys"), "b");
    }

    @AfterAll
    static void noLeftovers() throws Exception {
        QemuTestSupport.deleteVmsAndData(DATA, catalog, config);
    }

    @Test
    void lifecycleOfAMicroVm() throws Exception {
        try (QemuDriver driver = new QemuDriver(DATA, catalog, config)) {
            int port = freePort();
            long t0 = System.nanoTime();
            DriverVm vm = driver.create(new VmSpec("life", 1, 1, 2, "micro", keyA.publicKey(), port, BOOT));
            LOG.info(String.format("micro VM boot to SSH banner: %d ms", (System.nanoTime() - t0) / 1_000_000));
            assertEquals(VmState.RUNNING, vm.state());
            assertEquals("root", vm.sshUser());
            assertEquals(port, vm.sshPort());

            assertEquals("1", ssh(port, keyA, "nproc").trim());
            long memKb = Long.parseLong(ssh(port, keyA, "sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo").trim());
            assertTrue(memKb > 900_000 && memKb <= 1024 * 1024, "MemTotal " + memKb + " kB for 1 GiB");
            long sectors = Long.parseLong(ssh(port, keyA, "cat /sys/block/vda/size").trim());
            assertEquals(2 * GIB, sectors * 512, "data disk size");
            assertEquals("hello from golem", ssh(port, keyA, "echo hello from golem > /tmp/x && cat /tmp/x").trim());
            // the rented disk is root's home, formatted on the first boot: df shows its size where root works
            String[] home = ssh(port, keyA, "df -k /root | tail -n 1").trim().split("\\s+");
            assertEquals("/dev/vda", home[0], "file system of /root");
            assertEquals("/root", home[5], "mount point");
            long homeKb = Long.parseLong(home[1]);
            assertTrue(homeKb > 2 * GIB / 1024 * 95 / 100 && homeKb <= 2 * GIB / 1024, "/root holds " + homeKb + " KiB");
            ssh(port, keyA, "echo kept across stop and start > /root/kept && sync");
            filesRoundTripWithOpenSsh(port);

            String hostKey = Ssh.exec("root", port, keyA, "true").hostKeyFingerprint();

            VmUsage stats = driver.stats("life").orElseThrow();
            assertTrue(stats.rssBytes() > 0 && stats.cpuSeconds() > 0 && stats.diskBytes() > 0, stats.toString());
            long pid = pid("life");

            assertEquals(VmState.STOPPED, driver.stop("life").state());
            assertFalse(ProcInfo.of(pid).isPresent(), "qemu gone after stop");
            assertEquals(VmState.STOPPED, driver.find("life").orElseThrow().state());
            assertTrue(driver.stats("life").isEmpty());

            assertEquals(VmState.RUNNING, driver.start("life").state());
            assertEquals(VmState.RUNNING, driver.find("life").orElseThrow().state());
            assertEquals("1", ssh(port, keyA, "nproc").trim());
            assertEquals(hostKey, Ssh.exec("root", port, keyA, "true").hostKeyFingerprint(),
                    "the VM presents the same SSH host key after a stop and start (pinned keys keep working)");
            assertEquals("kept across stop and start", ssh(port, keyA, "cat /root/kept").trim(),
                    "a file in root's home (the VM's disk) after a stop and start");
            long pid2 = pid("life");

            driver.delete("life");
            assertTrue(driver.find("life").isEmpty());
            assertFalse(Files.exists(DATA.resolve("vms/life")), "VM dir removed");
            assertFalse(ProcInfo.of(pid2).isPresent(), "qemu gone after delete");
            assertTrue(qemuProcessesNamed("golem-vm-life").isEmpty(), "no qemu process named golem-vm-life");
            assertPortFree(port);
            driver.delete("life"); // idempotent
        }
    }

    @Test
    void twoVmsAtOnceEachAcceptOnlyTheirOwnKey() throws Exception {
        try (QemuDriver driver = new QemuDriver(DATA, catalog, config)) {
            int portA = freePort();
            int portB = freePort();
            while (portB == portA) {
                portB = freePort();
            }
            int pb = portB;
            CompletableFuture<DriverVm> a = CompletableFuture.supplyAsync(() -> create(driver, "two-a", keyA, portA));
            CompletableFuture<DriverVm> b = CompletableFuture.supplyAsync(() -> create(driver, "two-b", keyB, pb));
            try {
                DriverVm va = a.join();
                DriverVm vb = b.join();
                assertTrue(va.sshPort() != vb.sshPort());
                assertEquals(List.of("two-a", "two-b"), driver.list().stream().map(DriverVm::vmId).toList());
                assertEquals("two-a", ssh(portA, keyA, "echo two-a").trim());
                assertEquals("two-b", ssh(pb, keyB, "echo two-b").trim());
                JSchException wrongA = assertThrows(JSchException.class, () -> ssh(portA, keyB, "true"));
                assertTrue(wrongA.getMessage().contains("Auth fail"), wrongA.getMessage());
                JSchException wrongB = assertThrows(JSchException.class, () -> ssh(pb, keyA, "true"));
                assertTrue(wrongB.getMessage().contains("Auth fail"), wrongB.getMessage());
            } finally {
                a.exceptionally(e -> null).join();
                b.exceptionally(e -> null).join();
                driver.delete("two-a");
                driver.delete("two-b");
            }
            assertPortFree(portA);
            assertPortFree(pb);
        }
    }

    @Test
    void aNewDriverReadoptsARunningVm() throws Exception {
        int port = freePort();
        long pid;
        try (QemuDriver first = new QemuDriver(DATA, catalog, config)) {
            first.create(new VmSpec("adopt", 1, 1, 1, "micro", keyA.publicKey(), port, BOOT));
            pid = pid("adopt");
        }
        try (QemuDriver second = new QemuDriver(DATA, catalog, config)) {
            DriverVm found = second.find("adopt").orElseThrow();
            assertEquals(VmState.RUNNING, found.state());
            assertTrue(second.stats("adopt").isPresent());
            assertEquals("adopt", ssh(port, keyA, "echo adopt").trim());
            second.delete("adopt");
            assertFalse(ProcInfo.of(pid).isPresent());
            assertTrue(second.find("adopt").isEmpty());
        }
        assertPortFree(port);
    }

    @Test
    void aStateFileNamingSomeoneElsesProcessIsReportedStoppedAndThatProcessIsNotTouched() throws Exception {
        // a state file whose pid is alive but is not our qemu (here: this JVM): STOPPED, and delete must not kill it
        Path dir = DATA.resolve("vms/foreign");
        Files.createDirectories(dir);
        long me = ProcessHandle.current().pid();
        QemuVmState state = new QemuVmState("foreign", 1, 1, 1, "micro", "KERNEL_INITRD", "/k", "/i", "", "opt/x",
                null, "root", false, freePort(), "127.0.0.1", 1000, me, ProcInfo.of(me).orElseThrow().startTicks(), "tcg");
        new ObjectMapper().writeValue(dir.resolve("state.json").toFile(), state);
        try (QemuDriver driver = new QemuDriver(DATA, catalog, config)) {
            assertEquals(VmState.STOPPED, driver.find("foreign").orElseThrow().state());
            assertTrue(driver.stats("foreign").isEmpty());
            driver.delete("foreign");
            assertFalse(Files.exists(dir));
        }
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void aFailedCreateLeavesNothingBehind() throws Exception {
        try (QemuDriver driver = new QemuDriver(DATA, catalog, config);
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            VmDriverException e = assertThrows(VmDriverException.class,
                    () -> driver.create(new VmSpec("fails", 1, 1, 1, "micro", keyA.publicKey(), port, BOOT)));
            assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code(), e.getMessage());
            assertFalse(Files.exists(DATA.resolve("vms/fails")));
            assertTrue(qemuProcessesNamed("golem-vm-fails").isEmpty());

            VmDriverException unknown = assertThrows(VmDriverException.class,
                    () -> driver.create(new VmSpec("fails", 1, 1, 1, "nope", keyA.publicKey(), freePort(), BOOT)));
            assertEquals(VmDriverException.Code.IMAGE_NOT_FOUND, unknown.code());
            assertFalse(Files.exists(DATA.resolve("vms/fails")));
        }
    }

    @Test
    void theKvmProbeDecidesAndTheVmBoots() throws Exception {
        // AUTO: KVM only if a probe boot finishes in time (nested KVM hangs on this machine, so TCG after the timeout)
        QemuConfig auto = config.withAccel(QemuConfig.Accel.AUTO).withKvmProbeTimeout(Duration.ofSeconds(8));
        try (QemuDriver driver = new QemuDriver(DATA, catalog, auto)) {
            int port = freePort();
            try {
                driver.create(new VmSpec("probe", 1, 1, 1, "micro", keyA.publicKey(), port, BOOT));
                assertEquals("1", ssh(port, keyA, "nproc").trim());
                String accel = new ObjectMapper().readValue(DATA.resolve("vms/probe/state.json").toFile(),
                        QemuVmState.class).accel();
                LOG.info("KVM probe chose: " + accel);
                assertTrue(accel.equals("kvm") || accel.equals("tcg"));
            } finally {
                driver.delete("probe");
            }
            assertTrue(qemuProcessesNamed("golem-vm-probe").isEmpty());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static DriverVm create(QemuDriver driver, String id, Ssh.Key key, int port) {
        try {
            return driver.create(new VmSpec(id, 1, 1, 1, "micro", key.publicKey(), port, BOOT));
        } catch (VmDriverException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ssh(int port, Ssh.Key key, String command) throws JSchException, IOException {
        Ssh.Result r = Ssh.exec("root", port, key, command);
        assertEquals(0, r.exit(), command + ": " + r.out());
        return r.out();
    }

    /**
     * The requestor copies files to and from the VM with OpenSSH's own clients: scp in its default SFTP mode, scp -O
     * (the legacy protocol, which runs scp on the VM) and sftp in batch mode; every copy arrives byte for byte.
     */
    private static void filesRoundTripWithOpenSsh(int port) throws Exception {
        Path dir = Files.createDirectories(DATA.resolve("transfer"));
        byte[] data = new byte[300_000];
        new Random(15).nextBytes(data);
        Path local = Files.write(dir.resolve("data.bin"), data);
        OpenSshClient client = new OpenSshClient(port, "root", DATA.resolve("keys/a"), dir.resolve("known_hosts"));
        assertCopied(client.scp(false, local.toString(), "vm:/root/by-scp.bin"), "scp to the VM");
        assertCopied(client.scp(true, local.toString(), "vm:/root/by-scp-O.bin"), "scp -O to the VM");
        Path batch = Files.writeString(dir.resolve("batch"), "put " + local + " /root/by-sftp.bin\n"
                + "get /root/by-scp-O.bin " + dir.resolve("back-by-sftp.bin") + "\n");
        assertCopied(client.sftp(batch), "sftp -b");
        assertCopied(client.scp(true, "vm:/root/by-scp.bin", dir.resolve("back-by-scp-O.bin").toString()),
                "scp -O from the VM");
        assertCopied(client.scp(false, "vm:/root/by-sftp.bin", dir.resolve("back-by-scp.bin").toString()),
                "scp from the VM");
        for (String back : List.of("back-by-sftp.bin", "back-by-scp-O.bin", "back-by-scp.bin")) {
            assertArrayEquals(data, Files.readAllBytes(dir.resolve(back)), back);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha + "  by-scp.bin\n" + sha + "  by-scp-O.bin\n" + sha + "  by-sftp.bin\n",
                ssh(port, keyA, "cd /root && sha256sum by-scp.bin by-scp-O.bin by-sftp.bin"),
                "each upload on the VM's disk");
    }

    private static void assertCopied(OpenSshClient.Result r, String what) {
        assertEquals(0, r.exit(), what + " exit status; output:\n" + r.output());
    }

    private static long pid(String vmId) throws IOException {
        return new ObjectMapper().readValue(DATA.resolve("vms").resolve(vmId).resolve("state.json").toFile(),
                QemuVmState.class).pid();
    }
}
