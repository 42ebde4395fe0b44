package org.golem.vm.provider.infrastructure.vm.qemu;

import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.assertPortFree;
import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.freePort;
import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.qemuProcessesNamed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real boot of the debian-12 image (mmdebstrap bookworm + systemd + openssh + cloud-init, built by
 * images/build-image) through the QEMU driver: qcow2 overlay grown to the requested disk, NoCloud seed with the
 * requestor's key and the VM's hostname, SSH as {@code debian}. ~40 s to SSH under TCG on this machine.
 */
@Timeout(600)
class Debian12BootTest {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(Debian12BootTest.class.getName());

    private static final long GIB = 1024L * 1024 * 1024;
    private static Path data;
    private static Path image;
    private static ImageCatalog catalog;
    private static QemuConfig config;
    private static Ssh.Key key;
    private static Ssh.Key otherKey;

    @BeforeAll
    static void setUp() throws Exception {
        image = TestImages.build("debian-12");
        Files.createDirectories(Path.of("target"));
        data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "qemu-cloud-test-");
        catalog = new ImageCatalog(data, Map.of("debian-12", image.toString()));
        config = QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);
        key = Ssh.newKey(data.resolve("keys"), "requestor");
        otherKey = Ssh.newKey(data.resolve("keys"), "other");
    }

    @AfterAll
    static void noLeftovers() throws Exception {
        if (data == null) {
            return;
        }
        try (QemuDriver driver = new QemuDriver(data, catalog, config)) {
            for (DriverVm vm : driver.list()) {
                driver.delete(vm.vmId());
            }
        }
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theCatalogReadsTheManifest() throws Exception {
        VmImage img = catalog.resolve("debian-12");
        assertEquals(VmImage.Kind.CLOUD_DISK, img.kind());
        assertEquals("debian", img.loginUser());
        assertEquals(image.resolve("disk.qcow2"), img.disk());
        assertEquals("qcow2", img.diskFormat());
        assertEquals(image.resolve("vmlinuz"), img.kernel());
        assertTrue(img.kernelCmdline().contains("root=/dev/vda"), img.kernelCmdline());
        JsonNode m = new ObjectMapper().readTree(image.resolve("manifest.json").toFile());
        assertEquals("kernel+initrd+disk", m.path("boot").asText());
        assertEquals("nocloud", m.path("keyInjection").asText());
    }

    @Test
    void bootsThroughCloudInitWithTheRequestorsKeyAndTheRequestedResources() throws Exception {
        try (QemuDriver driver = new QemuDriver(data, catalog, config)) {
            int port = freePort();
            long t0 = System.nanoTime();
            DriverVm vm = driver.create(new VmSpec("cloud-one", 2, 1, 10, "debian-12", key.publicKey(), port,
                    Duration.ofSeconds(240)));
            LOG.info(String.format("debian-12 VM boot to SSH banner: %d ms", (System.nanoTime() - t0) / 1_000_000));
            long pid = new ObjectMapper().readValue(data.resolve("vms/cloud-one/state.json").toFile(),
                    QemuVmState.class).pid();
            try {
                assertEquals(VmState.RUNNING, vm.state());
                assertEquals("debian", vm.sshUser());
                assertEquals(port, vm.sshPort());

                // one SSH session for all facts (a JSch key exchange costs ~1 s under TCG); cloud-init --wait: the
                // banner comes before cloud-init's final stage
                Map<String, String> f = facts(port, Map.of(
                        "status", "cloud-init status --wait | tail -1",
                        "hostname", "hostname",
                        "nproc", "nproc",
                        "memKb", "sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo",
                        "sectors", "cat /sys/block/vda/size",
                        "rootBytes", "df -B1 --output=size / | tail -1",
                        "hostKeys", "ls /etc/ssh/ssh_host_*_key.pub | paste -sd,",
                        "echo", "echo hello from golem > /tmp/x && cat /tmp/x",
                        "sudo", "sudo -n id -un",
                        "hostsResolve", "getent hosts $(hostname) >/dev/null && echo yes || echo no"));
                assertEquals("status: done", f.get("status"), "cloud-init status");
                assertEquals("cloud-one", f.get("hostname"));
                assertEquals("2", f.get("nproc"));
                long memKb = Long.parseLong(f.get("memKb"));
                assertTrue(memKb > 800_000 && memKb <= 1024 * 1024, "MemTotal " + memKb + " kB for 1 GiB");
                assertEquals(10 * GIB, Long.parseLong(f.get("sectors")) * 512, "disk device size");
                // cloud-init's resizefs grew the root file system from the image's 1 GiB to the disk
                long rootBytes = Long.parseLong(f.get("rootBytes"));
                assertTrue(rootBytes > 9 * GIB, "root file system " + rootBytes + " bytes on a 10 GiB disk");
                // ed25519 host key only, generated in this VM
                assertEquals("/etc/ssh/ssh_host_ed25519_key.pub", f.get("hostKeys"));
                assertEquals("hello from golem", f.get("echo"));
                assertEquals("root", f.get("sudo"), "passwordless sudo for the default user");
                assertEquals("yes", f.get("hostsResolve"), "the VM's own hostname resolves (/etc/hosts)");
                // only the injected key gets in
                Ssh.Result denied = null;
                try {
                    denied = Ssh.exec("debian", port, otherKey, "true");
                } catch (com.jcraft.jsch.JSchException e) {
                    assertTrue(e.getMessage().contains("Auth fail"), e.getMessage());
                }
                assertEquals(null, denied, "another key logged in");
            } finally {
                driver.delete("cloud-one");
            }
            assertTrue(driver.find("cloud-one").isEmpty());
            assertFalse(Files.exists(data.resolve("vms/cloud-one")), "VM dir (overlay, seed) removed");
            assertFalse(ProcInfo.of(pid).isPresent(), "qemu gone after delete");
            assertTrue(qemuProcessesNamed("golem-vm-cloud-one").isEmpty(), "no qemu process named golem-vm-cloud-one");
            assertPortFree(port);
            assertTrue(Files.isRegularFile(image.resolve("disk.qcow2")), "the base image stays");
        }
    }

    /** Runs each command in one session; each answer's last stdout line, keyed as given. */
    private static Map<String, String> facts(int port, Map<String, String> commands) throws Exception {
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, String> c : commands.entrySet()) {
            script.append("echo \"").append(c.getKey()).append("=$({ ").append(c.getValue()).append("; } | tail -1)\"\n");
        }
        Map<String, String> result = new java.util.HashMap<>();
        for (String line : ssh(port, script.toString()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                result.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        assertEquals(commands.keySet(), result.keySet(), "facts: " + result);
        return result;
    }

    private static String ssh(int port, String command) throws Exception {
        Ssh.Result r = Ssh.exec("debian", port, key, command);
        assertEquals(0, r.exit(), command + ": " + r.out());
        return r.out();
    }
}
