import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuConfig;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuDriver;
import org.golem.vm.provider.infrastructure.vm.toolkit.SshBanner;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * bench/vm-boot's program: boot-to-SSH-banner of the micro image through {@link QemuDriver#create} versus the same
 * image booted by a bare qemu command line (same kernel, initrd, command line, -m, -smp, TCG, user-mode hostfwd,
 * a blank qcow2 data disk, the key via fw_cfg), probed the same way (an {@code SSH-} banner read with a 0.5 s
 * timeout, 200 ms between tries). Runs interleave: driver, bare, driver, bare, ...
 *
 * <p>Usage: java -cp &lt;provider-war classes + dependencies&gt; VmBootBench.java &lt;micro image dir&gt; &lt;work dir&gt;
 * [runs] [cpu] [memory GiB]
 */
public final class VmBootBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VmBootBench <micro image dir> <work dir> [runs=5] [cpu=1] [memoryGib=1]");
            System.exit(2);
        }
        Path imageDir = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int cpu = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int memGib = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Logger.getLogger("org.golem").setLevel(Level.WARNING);
        Logger.getLogger("").getHandlers()[0].setLevel(Level.WARNING);

        Files.createDirectories(work);
        String key = sshKey(work);
        ImageCatalog catalog = new ImageCatalog(work, Map.of("micro", imageDir.toString()));
        VmImage image = catalog.resolve("micro"); // verifies the hashes once, as a running provider has
        QemuConfig config = QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);

        String loadBefore = loadavg();
        List<Double> driver = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (QemuDriver d = new QemuDriver(work.resolve("driver"), catalog, config)) {
            for (int i = 0; i < runs; i++) {
                String id = "bench-" + i;
                int port = freePort();
                long t0 = System.nanoTime();
                d.create(new VmSpec(id, cpu, memGib, 1, "micro", key, port, TIMEOUT));
                double s = (System.nanoTime() - t0) / 1e9;
                d.delete(id);
                driver.add(s);
                System.out.printf(Locale.ROOT, "vm-boot: run %d driver %.2f s%n", i + 1, s);

                double b = bare(image, work.resolve("bare-" + i), key, cpu, memGib, freePort());
                bare.add(b);
                System.out.printf(Locale.ROOT, "vm-boot: run %d bare   %.2f s%n", i + 1, b);
            }
        }
        deleteTree(work.resolve("driver"));
        double dm = median(driver);
        double bm = median(bare);
        System.out.printf(Locale.ROOT, "vm-boot: driver runs %s; bare runs %s%n", fmt(driver), fmt(bare));
        // the machine may be shared: other load slows both sides alike (interleaved), but widens the spread
        System.out.printf(Locale.ROOT, "vm-boot: load average before %s, after %s (%d cores)%n", loadBefore, loadavg(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "vm-boot: micro, %d+%d runs: driver median %.2f s, bare median %.2f s, ratio %.2f%n",
                runs, runs, dm, bm, dm / bm);
    }

    /** One bare boot: the data disk is made before the clock starts; the clock stops at the SSH banner. */
    private static double bare(VmImage image, Path dir, String key, int cpu, int memGib, int port) throws Exception {
        Files.createDirectories(dir);
        Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "disk.qcow2", "1G")
                .directory(dir.toFile()).inheritIO().start();
        if (img.waitFor() != 0) {
            throw new IOException("qemu-img create failed");
        }
        List<String> cmd = List.of("qemu-system-x86_64", "-nodefaults", "-no-user-config", "-accel", "tcg",
                "-smp", Integer.toString(cpu), "-m", (memGib * 1024L) + "M", "-display", "none",
                "-serial", "file:serial.log",
                "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:" + port + "-:22", "-device", "virtio-net-pci,netdev=n0",
                "-drive", "file=disk.qcow2,if=virtio,format=qcow2",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", image.kernelCmdline(),
                "-fw_cfg", "name=" + image.fwCfgKeyName() + ",string=" + key);
        long t0 = System.nanoTime();
        Process q = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        try {
            long deadline = t0 + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!q.isAlive()) {
                    throw new IOException("bare qemu exited: " + Files.readString(dir.resolve("qemu.log")));
                }
                if (SshBanner.answers("127.0.0.1", port)) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                Thread.sleep(200);
            }
            throw new IOException("bare boot did not answer SSH within " + TIMEOUT.toSeconds() + " s");
        } finally {
            q.destroy();
            if (!q.waitFor(10, TimeUnit.SECONDS)) {
                q.destroyForcibly();
                q.waitFor();
            }
            deleteTree(dir);
        }
    }


    private static String sshKey(Path work) throws Exception {
        Path k = work.resolve("bench_key");
        if (!Files.exists(k)) {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vm-boot",
                    "-f", k.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("ssh-keygen failed");
            }
        }
        return Files.readString(work.resolve("bench_key.pub")).trim();
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> xs) {
        return String.join(" ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
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
