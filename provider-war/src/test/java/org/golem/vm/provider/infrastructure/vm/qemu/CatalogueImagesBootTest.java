package org.golem.vm.provider.infrastructure.vm.qemu;

import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real boots of the catalogue's images other than debian-12 (which {@code Debian12BootTest} covers) over real SSH,
 * through the QEMU driver under TCG: {@code debian-12-docker} once, checked with JSch (as the driver's own probe
 * logs in) and with the OpenSSH client a requestor types ({@code ssh -i key -p PORT debian@127.0.0.1 ...}): Docker's
 * daemon active, the login user in group {@code docker}, {@code docker info} answering without sudo, curl present;
 * and a login to {@code micro} with the OpenSSH client. Each VM boots once: ~60-90 s for debian-12-docker to SSH
 * and an active dockerd under TCG on this machine, ~5 s for micro.
 */
@Timeout(900)
class CatalogueImagesBootTest {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(CatalogueImagesBootTest.class.getName());

    private static Path data;
    private static ImageCatalog catalog;
    private static QemuConfig config;
    private static Ssh.Key key;

    @BeforeAll
    static void setUp() throws Exception {
        Path docker = TestImages.build("debian-12-docker");
        Path micro = TestImages.build("micro");
        Files.createDirectories(Path.of("target"));
        data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "qemu-catalogue-test-");
        catalog = new ImageCatalog(data, Map.of("debian-12-docker", docker.toString(), "micro", micro.toString()));
        config = QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);
        key = Ssh.newKey(data.resolve("keys"), "requestor");
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
        QemuTestSupport.deleteTree(data);
    }

    private static OpenSshClient openSsh(int port, String user) {
        return new OpenSshClient(port, user, data.resolve("keys/requestor"), data.resolve("known_hosts-" + port));
    }

    @Test
    void theCatalogueOffersBothImagesWithTheirMetadata() {
        List<ImageInfo> ready = catalog.ready();
        assertEquals(List.of("debian-12-docker", "micro"), ready.stream().map(ImageInfo::name).toList(),
                "debian-12 is not built into this catalogue's location: " + catalog.entries());
        ImageInfo docker = ready.get(0);
        assertEquals("Debian 12 (bookworm) with Docker", docker.os());
        assertEquals("debian", docker.loginUser());
        assertEquals("kernel+initrd+disk", docker.boot());
        assertTrue(docker.userData());
        assertTrue(docker.sizeMib() > 300, docker.sizeMib() + " MiB");
        ImageInfo micro = ready.get(1);
        assertEquals(new ImageInfo("micro", "BusyBox on the Debian 12 cloud kernel", micro.sizeMib(), "root",
                "kernel+initrd", false), micro);
    }

    @Test
    void debian12DockerBootsWithDockerActiveForTheLoginUserOverJschAndOpenSsh() throws Exception {
        try (QemuDriver driver = new QemuDriver(data, catalog, config)) {
            int port = freePort();
            long t0 = System.nanoTime();
            DriverVm vm = driver.create(new VmSpec("docker-one", 2, 1, 10, "debian-12-docker", key.publicKey(), port,
                    Duration.ofSeconds(300)));
            long toSsh = (System.nanoTime() - t0) / 1_000_000;
            try {
                assertEquals(VmState.RUNNING, vm.state());
                assertEquals("debian", vm.sshUser());

                // JSch, as the driver logs in: wait for dockerd (it starts after sshd), then the facts in one session
                Ssh.Result r = Ssh.exec("debian", port, key, """
                        for i in $(seq 180); do systemctl is-active -q docker && break; sleep 1; done
                        echo "active=$(systemctl is-active docker)"
                        echo "enabled=$(systemctl is-enabled docker)"
                        echo "groups=$(id -nG)"
                        echo "server=$(docker info --format '{{.ServerVersion}}' 2>&1 | tail -1)"
                        echo "driver=$(docker info --format '{{.Driver}}' 2>&1 | tail -1)"
                        echo "curl=$(curl --version | head -1 | cut -d' ' -f1)"
                        """);
                long toDocker = (System.nanoTime() - t0) / 1_000_000;
                LOG.info(String.format("debian-12-docker: boot to SSH %d ms, to an active dockerd %d ms", toSsh,
                        toDocker));
                assertEquals(0, r.exit(), r.out());
                Map<String, String> f = facts(r.out());
                assertEquals("active", f.get("active"), r.out());
                assertEquals("enabled", f.get("enabled"), r.out());
                assertTrue(List.of(f.get("groups").split(" ")).contains("docker"), "groups: " + f.get("groups"));
                assertTrue(f.get("server").matches("\\d+\\.\\d+.*"), "docker info as debian: " + f.get("server"));
                assertEquals("overlay2", f.get("driver"), "storage driver");
                assertEquals("curl", f.get("curl"));

                // the OpenSSH client, as a requestor types it; the host key is accepted on first use, then checked
                OpenSshClient client = openSsh(port, "debian");
                OpenSshClient.Result active = client.ssh("systemctl is-active docker");
                assertEquals(0, active.exit(), active.output());
                assertEquals("active", active.output().strip());
                OpenSshClient.Result info = client.ssh("docker info --format '{{.ServerVersion}}'");
                assertEquals(0, info.exit(), info.output());
                assertEquals(f.get("server"), info.output().strip());
                assertTrue(Files.readString(data.resolve("known_hosts-" + port)).contains("ssh-ed25519"),
                        "the VM's host key was pinned on first use and checked on the second login");
            } finally {
                driver.delete("docker-one");
            }
        }
    }

    @Test
    void microTakesAnOpenSshLogin() throws Exception {
        try (QemuDriver driver = new QemuDriver(data, catalog, config)) {
            int port = freePort();
            driver.create(new VmSpec("micro-one", 1, 1, 1, "micro", key.publicKey(), port, Duration.ofSeconds(120)));
            try {
                OpenSshClient.Result r = openSsh(port, "root").ssh("id -un; hostname; test -d /root/.ssh && echo home");
                assertEquals(0, r.exit(), r.output());
                assertEquals(List.of("root", "golem-vm", "home"), r.output().strip().lines().toList());
            } finally {
                driver.delete("micro-one");
            }
        }
    }

    private static Map<String, String> facts(String out) {
        Map<String, String> f = new java.util.HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                f.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return f;
    }
}
