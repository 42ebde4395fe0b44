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
 * One real VM of the debian-12 image (mmdebstrap bookworm + systemd + openssh + cloud-init, built by
 * images/build-image) through the QEMU driver: qcow2 overlay grown to the requested disk, NoCloud seed with the
 * requestor's key and the VM's hostname in its meta-data and the requestor's user-data, SSH as {@code debian}; then
 * stopped and started again. ~40 s to SSH under TCG on this machine, per boot.
 */
@Timeout(1800)
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

    /** The {@code #cloud-config} part: {@code write_files} (with a non-ASCII character) and {@code runcmd}. */
    static final String CLOUD_CONFIG = """
            #cloud-config
            write_files:
              - path: /etc/golem/from-user-data
                content: "written by write_files: h\u00e9\\n"
            runcmd:
              - [sh, -c, "echo runcmd >> /var/tmp/runcmd.log"]
            """;

    /**
     * The requestor's user-data, a MIME multi-part archive (cloud-init's "mime-multi-part" format) holding the two
     * formats requestors use most: {@link #CLOUD_CONFIG} (base64: cloud-init 22.4 misreads non-ASCII in a part
     * without a transfer encoding) and a {@code #!} shell script. It names no user and no key: the key reaches the
     * default user through the seed's meta-data.
     */
    static final String USER_DATA = """
            Content-Type: multipart/mixed; boundary="==golem-test=="
            MIME-Version: 1.0

            --==golem-test==
            Content-Type: text/cloud-config; charset="utf-8"
            MIME-Version: 1.0
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="config.yaml"

            %s
            --==golem-test==
            Content-Type: text/x-shellscript; charset="us-ascii"
            MIME-Version: 1.0
            Content-Disposition: attachment; filename="script.sh"

            #!/bin/sh
            echo "script ran as $(id -un)" > /var/tmp/script.out

            --==golem-test==--
            """.formatted(java.util.Base64.getMimeEncoder(76, new byte[] {(byte) 10}).encodeToString(
                    CLOUD_CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    /**
     * One VM, booted twice: created with the requestor's key and user-data, checked over SSH (JSch and OpenSSH's
     * own client), a file written on its root file system (the qcow2 overlay), stopped, started again by a new
     * driver on the same data directory (as after a provider restart): the file is still there, cloud-init's
     * per-instance steps did not run again.
     */
    @Test
    void bootsThroughCloudInitWithTheRequestorsKeyUserDataAndResourcesAndKeepsItsDiskAcrossStopAndStart()
            throws Exception {
        int port = freePort();
        long pid;
        QemuDriver driver = new QemuDriver(data, catalog, config);
        try {
            long t0 = System.nanoTime();
            DriverVm vm = driver.create(new VmSpec("cloud-one", 2, 1, 10, "debian-12", key.publicKey(), port,
                    Duration.ofSeconds(600), USER_DATA, null));
            LOG.info(String.format("debian-12 VM boot to SSH banner: %d ms", (System.nanoTime() - t0) / 1_000_000));
            pid = new ObjectMapper().readValue(data.resolve("vms/cloud-one/state.json").toFile(),
                    QemuVmState.class).pid();
            assertEquals(VmState.RUNNING, vm.state());
            assertEquals("debian", vm.sshUser());
            assertEquals(port, vm.sshPort());

            // the banner comes before cloud-init's final stage (runcmd, scripts): wait for it first, then one SSH
            // session for all facts (a JSch key exchange costs ~1 s under TCG; the facts run in no fixed order)
            assertEquals("status: done", lastLine(ssh(port, "cloud-init status --wait")), "cloud-init status");
            Map<String, String> f = facts(port, Map.ofEntries(
                    Map.entry("hostname", "hostname"),
                    Map.entry("nproc", "nproc"),
                    Map.entry("memKb", "sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo"),
                    Map.entry("sectors", "cat /sys/block/vda/size"),
                    Map.entry("rootBytes", "df -B1 --output=size / | tail -1"),
                    Map.entry("hostKeys", "ls /etc/ssh/ssh_host_*_key.pub | paste -sd,"),
                    Map.entry("echo", "echo hello from golem > /tmp/x && cat /tmp/x"),
                    Map.entry("sudo", "sudo -n id -un"),
                    Map.entry("hostsResolve", "getent hosts $(hostname) >/dev/null && echo yes || echo no"),
                    Map.entry("writeFiles", "cat /etc/golem/from-user-data"),
                    Map.entry("runcmd", "cat /var/tmp/runcmd.log | paste -sd,"),
                    Map.entry("script", "cat /var/tmp/script.out"),
                    Map.entry("keys", "wc -l < ~/.ssh/authorized_keys"),
                    Map.entry("rootLogin", "sudo -n cat /root/.ssh/authorized_keys | grep -c 'Please login as'"),
                    Map.entry("kept", "echo kept on the overlay > ~/kept && sync && cat ~/kept")));
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
            // the requestor's user-data ran: both parts of the archive, as root
            assertEquals("written by write_files: h\u00e9", f.get("writeFiles"));
            assertEquals("runcmd", f.get("runcmd"));
            assertEquals("script ran as root", f.get("script"));
            // the key from the meta-data, once, for the default user; root's copy only says to log in as debian
            assertEquals("1", f.get("keys"), "authorized_keys of debian");
            assertEquals("1", f.get("rootLogin"), "root login disabled (the provider's vendor-data)");
            assertEquals("kept on the overlay", f.get("kept"));
            // only the injected key gets in
            Ssh.Result denied = null;
            try {
                denied = Ssh.exec("debian", port, otherKey, "true");
            } catch (com.jcraft.jsch.JSchException e) {
                assertTrue(e.getMessage().contains("Auth fail"), e.getMessage());
            }
            assertEquals(null, denied, "another key logged in");
            // OpenSSH's own client with the requestor's key file, known_hosts of its own
            OpenSshClient openssh = new OpenSshClient(port, "debian", data.resolve("keys/requestor"),
                    data.resolve("keys/known_hosts"));
            OpenSshClient.Result r = openssh.ssh("cat /etc/golem/from-user-data");
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("written by write_files"), r.output());

            // stopped, then started by a new driver on the same data directory (a provider restart)
            assertEquals(VmState.STOPPED, driver.stop("cloud-one").state());
            assertFalse(ProcInfo.of(pid).isPresent(), "qemu gone after stop");
            driver.close();
            driver = new QemuDriver(data, catalog, config);
            assertEquals(VmState.STOPPED, driver.find("cloud-one").orElseThrow().state());
            assertEquals(VmState.RUNNING, driver.start("cloud-one").state());
            pid = new ObjectMapper().readValue(data.resolve("vms/cloud-one/state.json").toFile(),
                    QemuVmState.class).pid();
            assertEquals("status: done", lastLine(ssh(port, "cloud-init status --wait")), "cloud-init status");
            Map<String, String> again = facts(port, Map.of(
                    "kept", "cat ~/kept",
                    "runcmd", "cat /var/tmp/runcmd.log | paste -sd,",
                    "sectors", "cat /sys/block/vda/size"));
            assertEquals("kept on the overlay", again.get("kept"), "the disk kept the file across stop and start");
            assertEquals("runcmd", again.get("runcmd"), "same instance: runcmd ran once");
            assertEquals(10 * GIB, Long.parseLong(again.get("sectors")) * 512, "same disk size");
            r = openssh.ssh("cat ~/kept");
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("kept on the overlay"), "same host key, same file: " + r.output());
        } finally {
            driver.delete("cloud-one");
            driver.close();
        }
        assertTrue(driver.find("cloud-one").isEmpty());
        assertFalse(Files.exists(data.resolve("vms/cloud-one")), "VM dir (overlay, seed) removed");
        assertFalse(ProcInfo.of(pid).isPresent(), "qemu gone after delete");
        assertTrue(qemuProcessesNamed("golem-vm-cloud-one").isEmpty(), "no qemu process named golem-vm-cloud-one");
        assertPortFree(port);
        assertTrue(Files.isRegularFile(image.resolve("disk.qcow2")), "the base image stays");
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

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String ssh(int port, String command) throws Exception {
        Ssh.Result r = Ssh.exec("debian", port, key, command);
        assertEquals(0, r.exit(), command + ": " + r.out());
        return r.out();
    }
}
