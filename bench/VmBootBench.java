import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuConfig;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuDriver;
import org.golem.vm.provider.infrastructure.vm.toolkit.CloudInit;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;
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
 * bench/vm-boot's program: boot-to-SSH-banner of each catalogue image through {@link QemuDriver#create} versus the
 * same image booted by a bare qemu command line, probed the same way (an {@code SSH-} banner read with a 0.5 s
 * timeout, 200 ms between tries). Runs interleave per image: driver, bare, driver, bare, ...
 *
 * <p>The bare side boots what the driver boots, with everything the driver prepares made before the clock starts:
 * for {@code micro} the kernel, initrd and command line with a blank qcow2 data disk and the key via fw_cfg; for the
 * cloud-init images ({@code debian-12}, {@code debian-12-docker}) the kernel, initrd and command line, a qcow2
 * overlay of the image's disk grown to the VM's disk, and the NoCloud seed the driver writes
 * ({@link CloudInit#writeNoCloudSeed}) as a read-only second disk.
 *
 * <p>Usage: java -cp &lt;provider-war classes + dependencies&gt; VmBootBench.java &lt;image cache dir&gt; &lt;work dir&gt;
 * [runs] [cpu] [memory GiB] [images, comma-separated]
 */
public final class VmBootBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(600); // systemd guests on a loaded shared machine
    /** The VM disk of the cloud-init images (their root file system, grown by cloud-init); micro's data disk: 1 GiB. */
    private static final int CLOUD_DISK_GIB = 4;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VmBootBench <image cache dir> <work dir> [runs=5] [cpu=1] [memoryGib=1] "
                    + "[images=micro,debian-12,debian-12-docker]");
            System.exit(2);
        }
        Path cache = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int cpu = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int memGib = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<String> names = List.of((args.length > 5 ? args[5] : String.join(",", ImageCatalog.STANDARD_IMAGES))
                .split(","));
        Logger.getLogger("org.golem").setLevel(Level.WARNING);
        Logger.getLogger("").getHandlers()[0].setLevel(Level.WARNING);

        Files.createDirectories(work);
        String key = sshKey(work);
        Map<String, String> locations = new java.util.LinkedHashMap<>();
        names.forEach(n -> locations.put(n, cache.resolve(n).toString()));
        ImageCatalog catalog = new ImageCatalog(work, locations);
        QemuConfig config = QemuConfig.defaults().withBindAddress("127.0.0.1").withAccel(QemuConfig.Accel.TCG);

        String loadBefore = loadavg();
        List<String> results = new ArrayList<>();
        try (QemuDriver d = new QemuDriver(work.resolve("driver"), catalog, config)) {
            for (String name : names) {
                VmImage image = catalog.resolve(name); // verifies the hashes once, as a running provider has
                int disk = image.kind() == VmImage.Kind.KERNEL_INITRD ? 1 : CLOUD_DISK_GIB;
                List<Double> driver = new ArrayList<>();
                List<Double> bare = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String id = "bench-" + i;
                    int port = freePort();
                    long t0 = System.nanoTime();
                    d.create(new VmSpec(id, cpu, memGib, disk, name, key, port, TIMEOUT));
                    double s = (System.nanoTime() - t0) / 1e9;
                    d.delete(id);
                    driver.add(s);
                    System.out.printf(Locale.ROOT, "vm-boot: %s run %d driver %.2f s%n", name, i + 1, s);

                    double b = bare(image, work.resolve("bare-" + i), key, cpu, memGib, disk, freePort());
                    bare.add(b);
                    System.out.printf(Locale.ROOT, "vm-boot: %s run %d bare   %.2f s%n", name, i + 1, b);
                }
                System.out.printf(Locale.ROOT, "vm-boot: %s driver runs %s; bare runs %s%n", name, fmt(driver),
                        fmt(bare));
                double dm = median(driver);
                double bm = median(bare);
                results.add(String.format(Locale.ROOT,
                        "vm-boot: %s, %d+%d runs: driver median %.2f s, bare median %.2f s, ratio %.2f", name, runs,
                        runs, dm, bm, dm / bm));
            }
        }
        deleteTree(work.resolve("driver"));
        // the machine may be shared: other load slows both sides alike (interleaved), but widens the spread
        System.out.printf(Locale.ROOT, "vm-boot: load average before %s, after %s (%d cores)%n", loadBefore, loadavg(),
                Runtime.getRuntime().availableProcessors());
        results.forEach(System.out::println);
    }

    /**
     * One bare boot: the disk (blank, or an overlay of the image's disk) and the NoCloud seed are made before the
     * clock starts; the clock stops at the SSH banner.
     */
    private static double bare(VmImage image, Path dir, String key, int cpu, int memGib, int diskGib, int port)
            throws Exception {
        Files.createDirectories(dir);
        boolean cloud = image.kind() == VmImage.Kind.CLOUD_DISK;
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-nodefaults", "-no-user-config",
                "-accel", "tcg", "-smp", Integer.toString(cpu), "-m", (memGib * 1024L) + "M", "-display", "none",
                "-serial", "file:serial.log",
                "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:" + port + "-:22", "-device", "virtio-net-pci,netdev=n0",
                "-drive", "file=disk.qcow2,if=virtio,format=qcow2",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", image.kernelCmdline()));
        if (cloud) {
            run(dir, "qemu-img", "create", "-q", "-f", "qcow2", "-F", image.diskFormat(), "-b",
                    image.disk().toString(), "disk.qcow2");
            run(dir, "qemu-img", "resize", "-q", "disk.qcow2", diskGib + "G");
            CloudInit.writeNoCloudSeed(dir, dir.getFileName().toString(), key, null, new ProcessRunner(dir));
            cmd.addAll(List.of("-drive", "file=" + CloudInit.SEED + ",if=virtio,format=raw,readonly=on"));
        } else {
            run(dir, "qemu-img", "create", "-q", "-f", "qcow2", "disk.qcow2", diskGib + "G");
            cmd.addAll(List.of("-fw_cfg", "name=" + image.fwCfgKeyName() + ",string=" + key));
        }
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


    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed");
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
