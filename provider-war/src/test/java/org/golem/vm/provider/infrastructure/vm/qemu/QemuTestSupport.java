package org.golem.vm.provider.infrastructure.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the real-boot tests check on the host: free loopback ports, qemu processes by VM name, test dirs. */
public final class QemuTestSupport {
    private QemuTestSupport() {
    }

    /**
     * @param prefix name prefix
     * @return a new data directory under {@code target/} (own per run: two builds of the module at once must not see
     *         each other's VMs)
     */
    public static Path newDataDir(String prefix) throws IOException {
        Files.createDirectories(Path.of("target"));
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    }

    /**
     * @return the driver settings of the real-boot tests: forwards on loopback, TCG (nested KVM hangs on this
     *         machine, docs/vm-runtime.md; the KVM probe has its own test)
     */
    public static QemuConfig loopbackTcg() {
        return QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);
    }

    /** @return a loopback port free right now */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Fails unless a listener can bind the port on loopback (the VM's forward is gone). */
    public static void assertPortFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort());
        }
    }

    /** @return pids of qemu processes whose command line carries {@code name} as one argument */
    public static List<Long> qemuProcessesNamed(String name) throws IOException {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("qemu-system") && cmd.contains("\0" + name + "\0")) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }

    /**
     * Deletes every VM a driver finds in the data directory (whatever a failed test left running: no qemu outlives
     * the build), then the directory.
     */
    public static void deleteVmsAndData(Path data, org.golem.vm.provider.infrastructure.vm.image.ImageCatalog catalog,
                                        QemuConfig config) throws Exception {
        try (QemuDriver driver = new QemuDriver(data, catalog, config)) {
            for (org.golem.vm.provider.domain.vm.DriverVm vm : driver.list()) {
                driver.delete(vm.vmId());
            }
        }
        deleteTree(data);
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
