package org.golem.vm.provider.infrastructure.vm.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.provider.infrastructure.vm.VmDriver;
import org.golem.vm.provider.infrastructure.vm.VmDriverException;
import org.golem.vm.provider.infrastructure.vm.VmInfo;
import org.golem.vm.provider.infrastructure.vm.VmSpec;
import org.golem.vm.provider.infrastructure.vm.VmState;
import org.golem.vm.provider.infrastructure.vm.VmStats;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@link VmDriver} on QEMU: one VM = one {@code qemu-system-x86_64} child process (no shell), with its own directory
 * {@code <data-dir>/vms/<id>/} holding the state file, the qcow2 disk, the serial log, the QMP socket and the pid file.
 *
 * <p>Networking is QEMU user mode with {@code hostfwd=tcp:<bind>:<sshPort>-:22}. Readiness is the guest's {@code SSH-}
 * banner read through that forward (QEMU accepts the TCP connection before the guest is up). KVM is used only when a
 * probe boot proves it works within a timeout; otherwise TCG.
 *
 * <p>VMs outlive the driver: a new driver on the same data directory re-adopts the qemu processes named in the state
 * files when pid, start time, command line and working directory all match; others are reported STOPPED. Nothing
 * the driver cannot identify is ever killed.
 */
public final class QemuDriver implements VmDriver {

    private static final Logger LOG = Logger.getLogger(QemuDriver.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";
    private static final String DISK = "disk.qcow2";
    private static final String SEED = "seed.iso";
    private static final String KEY = "authorized_keys";
    /** The VM's own SSH host key (OpenSSH format, mode 0600), handed to images that read it from fw_cfg. */
    private static final String HOST_KEY = "ssh_host_ed25519_key";
    /** fw_cfg name under which kernel+initrd guests find their host key (the micro image's init converts it). */
    public static final String HOST_KEY_FW_CFG = "opt/org.golem.vm/ssh_host_key";
    private static final String QMP = "qmp.sock";
    private static final String GUEST_ADDRESS = "10.0.2.15";
    /** The KVM decision per qemu binary, shared by all drivers of this JVM. */
    private static final Map<String, String> ACCEL_DECISIONS = new ConcurrentHashMap<>();

    private final Path vmsDir;
    private final ImageCatalog catalog;
    private final QemuConfig config;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Set<String> booting = ConcurrentHashMap.newKeySet();

    /**
     * Creates the driver and re-adopts the VMs of earlier drivers on the same data directory.
     *
     * @param dataDir the provider's data directory (VMs live in {@code <dataDir>/vms})
     * @param catalog the image catalog
     * @param config  settings
     */
    public QemuDriver(Path dataDir, ImageCatalog catalog, QemuConfig config) throws VmDriverException {
        this.vmsDir = dataDir.resolve("vms").toAbsolutePath();
        this.catalog = catalog;
        this.config = config;
        try {
            Files.createDirectories(vmsDir);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot create " + vmsDir, e);
        }
        for (VmInfo vm : list()) {
            LOG.info(() -> "qemu: found VM " + vm.vmId() + " (" + vm.state() + ", ssh port " + vm.sshPort() + ")");
        }
    }

    @Override
    public String name() {
        return "qemu";
    }

    // --- create -----------------------------------------------------------------------------------------------

    @Override
    public VmInfo create(VmSpec spec) throws VmDriverException {
        String key = spec.sshPublicKey().trim();
        if (key.isEmpty() || key.contains("\n") || key.contains("\r")) {
            throw new IllegalArgumentException("sshPublicKey must be one OpenSSH public key line");
        }
        VmImage image = catalog.resolve(spec.image());
        synchronized (lock(spec.vmId())) {
            Path dir = vmDir(spec.vmId());
            if (Files.exists(dir)) {
                throw new VmDriverException(VmDriverException.Code.VM_EXISTS, "VM " + spec.vmId() + " exists");
            }
            QemuVmState state = new QemuVmState(spec.vmId(), spec.cpu(), spec.memoryGib(), spec.storageGib(),
                    image.name(), image.kind().name(), str(image.kernel()), str(image.initrd()), image.kernelCmdline(),
                    image.fwCfgKeyName(), str(image.disk()), image.loginUser(), image.acpiShutdown(), spec.sshPort(),
                    config.bindAddress(), spec.bootTimeout().toMillis(), null, null, null);
            boolean done = false;
            try {
                Files.createDirectories(dir);
                writeState(dir, state);
                Files.writeString(dir.resolve(KEY), key + "\n");
                if (image.kind() == VmImage.Kind.KERNEL_INITRD) {
                    run(dir, List.of(config.qemuImgBinary(), "create", "-q", "-f", "qcow2", DISK,
                            spec.storageGib() + "G"));
                    writeHostKey(dir);
                } else {
                    run(dir, List.of(config.qemuImgBinary(), "create", "-q", "-f", "qcow2", "-F", image.diskFormat(),
                            "-b", image.disk().toAbsolutePath().toString(), DISK));
                    try {
                        run(dir, List.of(config.qemuImgBinary(), "resize", "-q", DISK, spec.storageGib() + "G"));
                    } catch (VmDriverException e) {
                        if (e.getMessage().contains("shrink")) { // never shrink: the guest's file system fills the base
                            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "image '"
                                    + image.name() + "' needs a disk larger than the requested " + spec.storageGib()
                                    + " GiB", e);
                        }
                        throw e;
                    }
                    writeSeed(dir, spec.vmId(), image.loginUser(), key);
                }
                VmInfo info = boot(dir, state);
                done = true;
                return info;
            } catch (IOException e) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                        "creating VM " + spec.vmId() + " failed: " + e.getMessage(), e);
            } finally {
                if (!done) {
                    killIfOurs(dir);
                    deleteTree(dir);
                }
            }
        }
    }

    /**
     * A host key of the VM's own, kept in its directory and given to the guest on every boot through fw_cfg, so
     * the VM presents the same SSH host key across stops and starts (an initramfs guest has nowhere to keep one;
     * pinned keys would otherwise break on every restart). Cloud images keep theirs on their disk.
     */
    private static void writeHostKey(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
            pair.writeOpenSSHv1PrivateKey(out, null, "golem-vm");
            pair.dispose();
        } catch (JSchException e) {
            throw new IOException("cannot generate the VM's host key: " + e.getMessage(), e);
        }
        KeyFiles.writeSecret(dir.resolve(HOST_KEY), out.toString(StandardCharsets.US_ASCII));
    }

    private void writeSeed(Path dir, String vmId, String user, String key) throws IOException, VmDriverException {
        // YAML: the key as a JSON string (a comment may hold ':' or '#'); the id is [a-z0-9-] and needs no quoting.
        // ssh_authorized_keys go to the image's default user (debian / ubuntu).
        String quotedKey = JSON.writeValueAsString(key);
        Files.writeString(dir.resolve("user-data"), "#cloud-config\n"
                + "hostname: " + vmId + "\n"
                + "ssh_authorized_keys:\n  - " + quotedKey + "\n"
                + "ssh_pwauth: false\n"
                + "disable_root: true\n");
        Files.writeString(dir.resolve("meta-data"), "instance-id: " + vmId + "\nlocal-hostname: " + vmId + "\n");
        run(dir, List.of("cloud-localds", SEED, "user-data", "meta-data"));
    }

    // --- start / stop / delete ------------------------------------------------------------------------------

    @Override
    public VmInfo start(String vmId) throws VmDriverException {
        synchronized (lock(vmId)) {
            Path dir = existingDir(vmId);
            QemuVmState state = readState(dir);
            if (ours(dir, state).isPresent()) {
                return info(state, VmState.RUNNING);
            }
            try {
                return boot(dir, state);
            } catch (VmDriverException | RuntimeException e) {
                killIfOurs(dir);
                throw e;
            }
        }
    }

    @Override
    public VmInfo stop(String vmId) throws VmDriverException {
        synchronized (lock(vmId)) {
            Path dir = existingDir(vmId);
            QemuVmState state = readState(dir);
            Optional<ProcInfo> proc = ours(dir, state);
            if (proc.isPresent()) {
                shutDown(dir, state, proc.get(), state.acpiShutdown() ? config.acpiGracePeriod() : Duration.ZERO);
            }
            state = state.withProcess(null, null, state.accel());
            writeState(dir, state);
            return info(state, VmState.STOPPED);
        }
    }

    @Override
    public void delete(String vmId) throws VmDriverException {
        synchronized (lock(vmId)) {
            Path dir = vmDir(vmId);
            if (!Files.exists(dir)) {
                return;
            }
            if (Files.exists(dir.resolve(STATE))) {
                QemuVmState state = readState(dir);
                Optional<ProcInfo> proc = ours(dir, state);
                if (proc.isPresent()) {
                    shutDown(dir, state, proc.get(), Duration.ZERO);
                }
            }
            deleteTree(dir);
            if (Files.exists(dir)) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot remove " + dir);
            }
            LOG.info(() -> "qemu: deleted VM " + vmId);
        }
    }

    /** Asks the guest to power off (when it obeys ACPI), then QMP quit, then SIGKILL; waits for the process to end. */
    private void shutDown(Path dir, QemuVmState state, ProcInfo proc, Duration grace) throws VmDriverException {
        Optional<ProcessHandle> handle = ProcessHandle.of(proc.pid());
        if (!grace.isZero() && qmp(dir, "system_powerdown") && waitGone(proc, grace)) {
            return;
        }
        if (qmp(dir, "quit") && waitGone(proc, Duration.ofSeconds(10))) {
            return;
        }
        // still ours? then a hard stop
        if (ours(dir, state).isPresent()) {
            LOG.warning(() -> "qemu: VM " + state.vmId() + " did not quit; killing pid " + proc.pid());
            handle.ifPresent(ProcessHandle::destroyForcibly);
            if (!waitGone(proc, Duration.ofSeconds(10))) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                        "qemu pid " + proc.pid() + " of VM " + state.vmId() + " does not die");
            }
        }
    }

    private boolean qmp(Path dir, String command) {
        try {
            String reply = Qmp.execute(dir.resolve(QMP), command);
            return reply.contains("\"return\"");
        } catch (IOException e) {
            LOG.log(Level.FINE, "QMP " + command + " failed", e);
            // `quit` may close the socket before replying: the caller checks whether the process is gone
            return "quit".equals(command);
        }
    }

    private static boolean waitGone(ProcInfo proc, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sameProcess(proc)) {
                return true;
            }
            sleep(50);
        }
        return !sameProcess(proc);
    }

    private static boolean sameProcess(ProcInfo proc) {
        return ProcInfo.of(proc.pid()).filter(p -> p.startTicks() == proc.startTicks()).isPresent();
    }

    // --- queries --------------------------------------------------------------------------------------------------

    @Override
    public Optional<VmInfo> find(String vmId) throws VmDriverException {
        if (!vmId.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            return Optional.empty();
        }
        Path dir = vmDir(vmId);
        if (!Files.exists(dir.resolve(STATE))) {
            return Optional.empty();
        }
        QemuVmState state;
        try {
            state = readState(dir);
        } catch (VmDriverException e) {
            return Optional.empty(); // removed meanwhile
        }
        VmState s = ours(dir, state).isPresent() ? (booting.contains(vmId) ? VmState.STARTING : VmState.RUNNING)
                : VmState.STOPPED;
        return Optional.of(info(state, s));
    }

    @Override
    public List<VmInfo> list() throws VmDriverException {
        List<VmInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(vmsDir)) {
            for (Path d : dirs) {
                find(d.getFileName().toString()).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot list " + vmsDir, e);
        }
        result.sort(Comparator.comparing(VmInfo::vmId));
        return result;
    }

    @Override
    public Optional<VmStats> stats(String vmId) throws VmDriverException {
        Path dir = vmDir(vmId);
        if (!Files.exists(dir.resolve(STATE))) {
            return Optional.empty();
        }
        QemuVmState state = readState(dir);
        Optional<ProcInfo> proc = ours(dir, state);
        if (proc.isEmpty()) {
            return Optional.empty();
        }
        long disk;
        try {
            disk = Files.size(dir.resolve(DISK));
        } catch (IOException e) {
            disk = 0;
        }
        ProcInfo p = proc.get();
        long uptime = (long) Math.max(0, ProcInfo.systemUptimeSeconds() - (double) p.startTicks() / ProcInfo.TICKS_PER_SECOND);
        return Optional.of(new VmStats((double) p.cpuTicks() / ProcInfo.TICKS_PER_SECOND, p.rssBytes(), disk, uptime));
    }

    @Override
    public void close() {
        // VMs keep running; nothing held in memory needs releasing
    }

    // --- booting ---------------------------------------------------------------------------------------------

    private VmInfo boot(Path dir, QemuVmState state) throws VmDriverException {
        // any VM booted with -kernel/-initrd can serve as the KVM probe (micro, and our debian-cloud); an operator's
        // cloud disk with its own bootloader cannot (TCG until such a VM has decided)
        String accel = accel(state.kernel() != null && state.initrd() != null ? state : null);
        List<String> cmd = commandLine(state, accel, Files.exists(dir.resolve(HOST_KEY)));
        booting.add(state.vmId());
        try {
            Files.deleteIfExists(dir.resolve(QMP));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve("qemu.log").toFile()));
            long t0 = System.nanoTime();
            Process process = pb.start();
            ProcInfo proc = waitProc(process);
            QemuVmState running = state.withProcess(proc.pid(), proc.startTicks(), accel);
            writeState(dir, running);
            LOG.info(() -> "qemu: VM " + state.vmId() + " started (pid " + proc.pid() + ", " + accel + ", ssh "
                    + state.bindAddress() + ":" + state.sshPort() + ")");
            waitForSsh(dir, running, process, Duration.ofMillis(state.bootTimeoutMillis()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            LOG.info(() -> "qemu: VM " + state.vmId() + " answers SSH after " + ms + " ms");
            return info(running, VmState.RUNNING);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                    "cannot start qemu for VM " + state.vmId() + ": " + e.getMessage(), e);
        } finally {
            booting.remove(state.vmId());
        }
    }

    private List<String> commandLine(QemuVmState s, String accel, boolean hostKey) {
        List<String> cmd = new ArrayList<>(List.of(config.qemuBinary(),
                "-name", processName(s.vmId()),
                "-nodefaults", "-no-user-config",
                "-accel", accel));
        // no -cpu: the default model under both accelerators (-cpu host/max fail under nested KVM: "failed to set
        // MSR 0x10a"); the KVM probe boots with exactly this, so a KVM that passes it works for real VMs
        cmd.addAll(List.of(
                "-smp", Integer.toString(s.cpu()),
                "-m", (s.memoryGib() * 1024L) + "M",
                "-display", "none",
                "-serial", "file:serial.log",
                "-qmp", "unix:" + QMP + ",server=on,wait=off",
                "-pidfile", "qemu.pid",
                "-netdev", "user,id=n0,hostfwd=tcp:" + s.bindAddress() + ":" + s.sshPort() + "-:22",
                "-device", "virtio-net-pci,netdev=n0",
                "-drive", "file=" + DISK + ",if=virtio,format=qcow2"));
        if (VmImage.Kind.KERNEL_INITRD.name().equals(s.imageKind())) {
            cmd.addAll(List.of("-kernel", s.kernel(), "-initrd", s.initrd(), "-append", s.kernelCmdline(),
                    "-fw_cfg", "name=" + s.fwCfgKeyName() + ",file=" + KEY));
            if (hostKey) {
                cmd.addAll(List.of("-fw_cfg", "name=" + HOST_KEY_FW_CFG + ",file=" + HOST_KEY));
            }
        } else {
            if (s.kernel() != null) { // our debian-cloud: no bootloader, root file system on the whole disk (vda)
                cmd.addAll(List.of("-kernel", s.kernel(), "-initrd", s.initrd(), "-append", s.kernelCmdline()));
            }
            cmd.addAll(List.of("-drive", "file=" + SEED + ",if=virtio,format=raw,readonly=on"));
        }
        return cmd;
    }

    private static String processName(String vmId) {
        return "golem-vm-" + vmId;
    }

    private static ProcInfo waitProc(Process process) throws VmDriverException {
        for (int i = 0; i < 100; i++) {
            Optional<ProcInfo> p = ProcInfo.of(process.pid());
            if (p.isPresent()) {
                return p.get();
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(10);
        }
        throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "qemu exited at once");
    }

    private void waitForSsh(Path dir, QemuVmState state, Process process, Duration timeout) throws VmDriverException {
        String host = "0.0.0.0".equals(state.bindAddress()) ? "127.0.0.1"
                : "::".equals(state.bindAddress()) ? "::1" : state.bindAddress();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "qemu of VM " + state.vmId()
                        + " exited with " + process.exitValue() + ": " + tail(dir.resolve("qemu.log")));
            }
            if (sshBanner(host, state.sshPort())) {
                return;
            }
            sleep(200);
        }
        throw new VmDriverException(VmDriverException.Code.BOOT_TIMEOUT, "VM " + state.vmId()
                + " did not answer SSH within " + timeout.toSeconds() + " s; serial log: "
                + tail(dir.resolve("serial.log")));
    }

    /**
     * The readiness probe: QEMU's user-mode forward accepts a connection before the guest is up, so readiness is
     * the guest's {@code SSH-} banner, not a TCP connect (spec/vm-runtime.md).
     *
     * @param host the forwarded address
     * @param port the forwarded port
     * @return whether an {@code SSH-} banner arrives within 0.5 s of connecting (0.5 s connect timeout)
     */
    public static boolean sshBanner(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4];
            int n = 0;
            while (n < 4) {
                int r = in.read(buf, n, 4 - n);
                if (r < 0) {
                    return false;
                }
                n += r;
            }
            return new String(buf, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    // --- accelerator ------------------------------------------------------------------------------------------

    /**
     * @return the accelerator VMs boot with: {@code kvm} or {@code tcg} when configured or decided by the probe,
     *         empty while no boot has decided it yet (AUTO before the first VM)
     */
    public Optional<String> accelerator() {
        return switch (config.accel()) {
            case KVM -> Optional.of("kvm");
            case TCG -> Optional.of("tcg");
            default -> Optional.ofNullable(ACCEL_DECISIONS.get(config.qemuBinary()));
        };
    }

    /** @param probeImage a VM booted with -kernel/-initrd whose kernel and initrd can serve as the probe, or null */
    private String accel(QemuVmState probeImage) {
        switch (config.accel()) {
            case KVM:
                return "kvm";
            case TCG:
                return "tcg";
            default:
                break;
        }
        String decided = ACCEL_DECISIONS.get(config.qemuBinary());
        if (decided != null) {
            return decided;
        }
        synchronized (ACCEL_DECISIONS) {
            decided = ACCEL_DECISIONS.get(config.qemuBinary());
            if (decided != null) {
                return decided;
            }
            String result = probeKvm(probeImage);
            if (result == null) {
                return "tcg"; // undecided (no probe image): TCG this time, probe again later
            }
            ACCEL_DECISIONS.put(config.qemuBinary(), result);
            return result;
        }
    }

    /**
     * Boots the kernel under KVM with init = {@code busybox poweroff -f} (micro's initramfs), or, for other initramfs
     * images (debian-cloud), with an init and a root device that do not exist and {@code panic=-1}: the kernel boots,
     * panics at once and reboots, which {@code -no-reboot} turns into qemu's exit. KVM works when qemu exits by
     * itself, with status 0, within the timeout. {@code /dev/kvm} existing is not enough (nested KVM may hang after
     * "Booting from ROM").
     *
     * @return kvm or tcg, or null when no image was at hand to probe with
     */
    private String probeKvm(QemuVmState probe) {
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            LOG.info("qemu: /dev/kvm is not usable: using TCG (software emulation)");
            return "tcg";
        }
        if (probe == null) {
            return null;
        }
        List<String> cmd = List.of(config.qemuBinary(), "-nodefaults", "-no-user-config", "-accel", "kvm",
                "-m", "128M", "-display", "none", "-no-reboot", "-serial", "null",
                "-kernel", probe.kernel(), "-initrd", probe.initrd(),
                "-append", VmImage.Kind.KERNEL_INITRD.name().equals(probe.imageKind())
                        ? "console=ttyS0 quiet panic=-1 rdinit=/bin/busybox -- poweroff -f"
                        : "console=ttyS0 quiet panic=-1 rdinit=/golem-kvm-probe root=/dev/golem-kvm-probe");
        long t0 = System.nanoTime();
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(config.kvmProbeTimeout().toMillis(), TimeUnit.MILLISECONDS) && p.exitValue() == 0) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                LOG.info(() -> "qemu: KVM probe boot finished in " + ms + " ms: using KVM");
                return "kvm";
            }
            String why = p.isAlive() ? "did not finish within " + config.kvmProbeTimeout().toSeconds() + " s"
                    : "failed with exit code " + p.exitValue();
            LOG.info(() -> "qemu: KVM probe boot " + why + ": using TCG (software emulation)");
            return "tcg";
        } catch (IOException e) {
            LOG.info(() -> "qemu: KVM probe could not run (" + e.getMessage() + "): using TCG");
            return "tcg";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "tcg";
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // --- identification ---------------------------------------------------------------------------------------

    /**
     * @return the VM's qemu process when pid, start time, command line ({@code -name golem-vm-<id>}) and working
     * directory all say it is ours
     */
    private Optional<ProcInfo> ours(Path dir, QemuVmState state) {
        if (state.pid() == null || state.pidStartTicks() == null) {
            return Optional.empty();
        }
        return ProcInfo.of(state.pid()).filter(p -> {
            if (p.startTicks() != state.pidStartTicks()) {
                return false;
            }
            List<String> c = p.cmdline();
            int i = c.indexOf("-name");
            if (i < 0 || i + 1 >= c.size() || !c.get(i + 1).equals(processName(state.vmId()))) {
                return false;
            }
            if (c.isEmpty() || !Path.of(c.get(0)).getFileName().toString()
                    .equals(Path.of(config.qemuBinary()).getFileName().toString())) {
                return false;
            }
            return p.cwd() == null || p.cwd().equals(realPath(dir));
        });
    }

    private void killIfOurs(Path dir) {
        try {
            if (!Files.exists(dir.resolve(STATE))) {
                return;
            }
            QemuVmState state = readState(dir);
            Optional<ProcInfo> proc = ours(dir, state);
            if (proc.isPresent()) {
                ProcessHandle.of(proc.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
                waitGone(proc.get(), Duration.ofSeconds(10));
            }
            writeState(dir, state.withProcess(null, null, state.accel()));
        } catch (VmDriverException | RuntimeException e) {
            LOG.log(Level.WARNING, "qemu: cleaning up " + dir + " failed", e);
        }
    }

    // --- files ------------------------------------------------------------------------------------------------

    private Object lock(String vmId) {
        return locks.computeIfAbsent(vmId, k -> new Object());
    }

    private Path vmDir(String vmId) {
        if (!vmId.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("bad vm id: " + vmId);
        }
        return vmsDir.resolve(vmId);
    }

    private Path existingDir(String vmId) throws VmDriverException {
        Path dir = vmDir(vmId);
        if (!Files.exists(dir.resolve(STATE))) {
            throw new VmDriverException(VmDriverException.Code.VM_NOT_FOUND, "no VM " + vmId);
        }
        return dir;
    }

    private static QemuVmState readState(Path dir) throws VmDriverException {
        try {
            return JSON.readValue(dir.resolve(STATE).toFile(), QemuVmState.class);
        } catch (IOException e) {
            throw new VmDriverException(e.getCause() instanceof NoSuchFileException || !Files.exists(dir.resolve(STATE))
                    ? VmDriverException.Code.VM_NOT_FOUND : VmDriverException.Code.HYPERVISOR_ERROR,
                    "cannot read " + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
    }

    private static void writeState(Path dir, QemuVmState state) throws VmDriverException {
        Path tmp = dir.resolve(STATE + ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot write " + tmp, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warning(() -> "qemu: cannot delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warning(() -> "qemu: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static void run(Path dir, List<String> cmd) throws VmDriverException {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, cmd.get(0) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, String.join(" ", cmd)
                        + " failed (" + p.exitValue() + "): " + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot run " + cmd.get(0)
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "interrupted", e);
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.length() > 800 ? "…" + s.substring(s.length() - 800) : s;
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    private static VmInfo info(QemuVmState s, VmState state) {
        return new VmInfo(s.vmId(), state, s.cpu(), s.memoryGib(), s.storageGib(), s.image(), s.sshPort(), s.sshUser(),
                GUEST_ADDRESS);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static String str(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
